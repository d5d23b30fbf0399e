import type { SpendLimitResult } from '../admin-api/spend-limits';
import type { Micros } from '../core/money';
import type { SeenProject } from '../usage/seen-projects';
import type { UsageScope, UsageSummary } from '../usage/summarize-usage';

/**
 * Spend nothing stops: a project spending this month with no spend limit, and spend in the
 * Default project, which cannot be given a limit (docs/facts.md §1, "Spend limits").
 */
export interface LimitFlag {
  projectId: string;
  kind: 'no-limit' | 'default-project';
  /** Exact month-to-date spend (integer micro-units). */
  monthToDateMicros: Micros;
}

/**
 * The Default project is recognized by its name as the Admin API lists it ("Default
 * project"; it cannot be renamed). No id pattern is documented, so none is assumed. If a
 * project merely named so does have a limit, the limit wins: it is not the Default project.
 */
export function isDefaultProject(name: string | null | undefined, limit: SpendLimitResult | undefined): boolean {
  return name?.trim().toLowerCase() === 'default project' && limit?.state !== 'limit';
}

/**
 * Projects with month-to-date spend that no limit holds, biggest first. Only what is known
 * is flagged: a limit not read yet, or a key that may not read limits (403), flags nothing
 * (except the Default project, which cannot have one whatever the key may read).
 */
export function limitFlags(input: {
  summaries: Readonly<Partial<Record<UsageScope, Pick<UsageSummary, 'scope' | 'monthToDate'>>>>;
  limits: Readonly<Partial<Record<UsageScope, SpendLimitResult>>>;
  projects: readonly Pick<SeenProject, 'id' | 'name'>[];
}): LimitFlag[] {
  const names = new Map(input.projects.map((project) => [project.id, project.name]));
  const flags: LimitFlag[] = [];
  for (const [scope, summary] of Object.entries(input.summaries)) {
    if (scope === 'organization' || !summary || summary.monthToDate.costMicros <= 0) continue;
    const limit = input.limits[scope];
    const kind = isDefaultProject(names.get(scope), limit) ? 'default-project' : limit?.state === 'no-limit' ? 'no-limit' : null;
    if (kind) flags.push({ projectId: scope, kind, monthToDateMicros: summary.monthToDate.costMicros });
  }
  return flags.sort((a, b) => b.monthToDateMicros - a.monthToDateMicros || (a.projectId < b.projectId ? -1 : 1));
}
