import type { ProjectNames } from './cache';

/**
 * The fourth source of the current project's id (after the URL, the dashboard's request
 * headers and its localStorage, lib/platform/switcher.ts): the Admin API's project list,
 * by the name the switcher shows. Only where the admin key is readable (the worker and
 * extension pages); content scripts never see the key.
 *
 * Names are not unique on the platform, so this never guesses: the id is given only when
 * exactly one listed project (archived ones included, they keep their names) bears that
 * name. Case counts ("prod" and "Prod" are two projects); whitespace does not, because the
 * page folds runs of spaces and trims when it renders a name (lib/platform/names.ts).
 */
export interface ProjectByNameInput {
  /** The project's name as the dashboard shows it. */
  name: string;
  /** Whether an admin key is set: without one the list may be a removed key's leftovers. */
  keySet: boolean;
  /** The key's project list (usageProjects): null before the first refresh. */
  listed: ProjectNames | null;
  /**
   * Ids of projects the dashboard itself showed in the tab's organization (page-read ids:
   * URL, headers, localStorage, the logging setting). When there are some and none of them
   * is in the key's list, the tab shows another organization than the key's, and a project
   * of the same name there is not this one.
   */
  organizationProjectIds?: readonly string[];
}

const asShown = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

export function projectIdByName(input: ProjectByNameInput): string | null {
  if (!input.keySet || !input.listed?.listed) return null;
  const projects = input.listed.projects;
  const evidence = input.organizationProjectIds ?? [];
  if (evidence.length > 0) {
    const listedIds = new Set(projects.map((project) => project.id));
    if (!evidence.some((id) => listedIds.has(id))) return null;
  }
  const wanted = asShown(input.name);
  if (wanted === '') return null;
  const matches = projects.filter((project) => project.name !== null && asShown(project.name) === wanted);
  return matches.length === 1 ? matches[0]!.id : null;
}

/**
 * Page-read ids of the organization's projects: known projects filed under their id (a
 * project filed under its name got its id here, by name, and proves nothing) and the
 * projects the organization's logging setting names.
 */
export function pageReadProjectIds(input: {
  organizationName: string;
  known: Iterable<{ key: string; id: string | null; organization: string }>;
  /** The logging setting's project ids seen for this organization, if any. */
  loggingProjectIds?: readonly string[];
}): string[] {
  const ids = new Set(input.loggingProjectIds ?? []);
  for (const project of input.known) {
    if (project.organization === input.organizationName && project.id !== null && project.key === project.id) ids.add(project.id);
  }
  return [...ids];
}
