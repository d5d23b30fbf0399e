import type { Project } from '../admin-api/responses';

export interface SeenProject {
  id: string;
  /** null when the project list did not name it (unnamed, or the list was unavailable). */
  name: string | null;
  archived: boolean;
}

/** Cost and usage buckets both qualify: only their project ids are read. */
interface BucketWithProjects {
  results: readonly { projectId: string | null }[];
}

/** One collator for the whole sort: localeCompare with options builds one per comparison. */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * Projects for a scope picker: every listed project, plus any project that has costs or
 * usage but is missing from the list (archived ones are omitted unless asked for, and a
 * key may lack the scope to list projects). Sorted by name, then id, for a stable menu.
 */
export function listSeenProjects(input: {
  /** null when the project list could not be read. */
  projects: readonly Project[] | null;
  costs: readonly BucketWithProjects[];
  usage: readonly BucketWithProjects[];
}): SeenProject[] {
  const seen = new Map<string, SeenProject>();
  for (const project of input.projects ?? []) {
    const archived = project.archivedAt !== null || project.status === 'archived';
    seen.set(project.id, { id: project.id, name: project.name, archived });
  }
  for (const bucket of [...input.costs, ...input.usage]) {
    for (const { projectId } of bucket.results) {
      if (projectId === null || seen.has(projectId)) continue;
      seen.set(projectId, { id: projectId, name: null, archived: false });
    }
  }
  return [...seen.values()].sort(
    (a, b) => BY_NAME.compare(a.name ?? a.id, b.name ?? b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

