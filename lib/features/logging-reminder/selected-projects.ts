import type { LoggingProject } from '../../platform/adapter';

export interface ProjectSeen {
  id: string | null;
  name: string;
  organization: string;
}

/**
 * The ids of the projects the Data retention page lists as selected. The page may name them
 * without their ids; a name is then matched to the one project of that name the extension has
 * seen in this organization. Null when any name cannot be matched (unknown or ambiguous):
 * filing the selection without it would call that project's logging off when it is on.
 */
export function selectedProjectIds(selected: readonly LoggingProject[], seen: readonly ProjectSeen[], organization: string | null): string[] | null {
  const ids: string[] = [];
  for (const project of selected) {
    if (project.id) {
      ids.push(project.id);
      continue;
    }
    const matches = new Set(
      seen
        .filter((known) => known.id !== null && known.name === project.name && (organization === null || known.organization === organization))
        .map((known) => known.id as string),
    );
    const [id] = matches;
    if (matches.size !== 1 || !id) return null;
    ids.push(id);
  }
  return [...new Set(ids)];
}
