/**
 * Key hygiene per project, from a listing with owner_project_access=any (docs/facts.md §1).
 * Each rule is a plain fact about a key the user can act on in the project's API keys page.
 */
import { keyOwnerLabel } from '../admin-api/key-owner';
import type { ProjectApiKeyEntry } from '../admin-api/project-api-keys';
import { plural } from './format';

export type HygieneRule = 'never-used' | 'unused' | 'owner-gone' | 'fresh-with-traffic';

export const HYGIENE_RULES: readonly HygieneRule[] = ['unused', 'never-used', 'owner-gone', 'fresh-with-traffic'];

const DAY = 86_400;
/** A key younger than this has had no chance to be used yet, and counts as "new" for the fresh-traffic rule. */
export const NEW_KEY_SECONDS = DAY;

export interface KeyFinding {
  keyId: string;
  name: string;
  redactedValue: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Whose key: the user's e-mail or the service account's name (keyOwnerLabel); null when the listing named nobody. */
  owner: string | null;
  rules: HygieneRule[];
}

/**
 * - never-used: no `last_used_at`, and older than a day;
 * - unused: last used more than `unusedDays` ago;
 * - owner-gone: `owner_project_access` is "inactive" (the owner left the project, or the organization);
 * - fresh-with-traffic: created within the last day and already used, which a leaked or
 *   unexpected key looks like (also a new deployment: the user judges).
 */
export function keyFindings(
  keys: readonly ProjectApiKeyEntry[],
  { nowSeconds, unusedDays }: { nowSeconds: number; unusedDays: number },
): KeyFinding[] {
  const findings: KeyFinding[] = [];
  for (const key of keys) {
    const rules: HygieneRule[] = [];
    const isNew = key.createdAt > nowSeconds - NEW_KEY_SECONDS;
    if (key.lastUsedAt === null && !isNew) rules.push('never-used');
    if (key.lastUsedAt !== null && key.lastUsedAt < nowSeconds - unusedDays * DAY) rules.push('unused');
    if (key.ownerProjectAccess === 'inactive') rules.push('owner-gone');
    if (isNew && key.lastUsedAt !== null) rules.push('fresh-with-traffic');
    if (rules.length === 0) continue;
    findings.push({
      keyId: key.id,
      name: key.name,
      redactedValue: key.redactedValue,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
      owner: keyOwnerLabel(key.owner),
      rules,
    });
  }
  return findings;
}

/** Which key and whose: "“web” (sk-...abcd) of ada@example.com". */
export function describeKey(finding: KeyFinding): string {
  return `“${finding.name}” (${finding.redactedValue})${finding.owner === null ? '' : ` of ${finding.owner}`}`;
}

/** One key's finding in words: "unused for 142 days". */
export function describeRule(rule: HygieneRule, finding: KeyFinding, nowSeconds: number): string {
  switch (rule) {
    case 'never-used':
      return `never used (created ${plural(Math.floor((nowSeconds - finding.createdAt) / DAY), 'day')} ago)`;
    case 'unused':
      return `unused for ${plural(Math.floor((nowSeconds - (finding.lastUsedAt ?? 0)) / DAY), 'day')}`;
    case 'owner-gone':
      return 'its owner no longer has access to the project';
    case 'fresh-with-traffic':
      return 'created in the last day and already in use';
  }
}

export interface ProjectHygiene {
  projectId: string;
  projectName: string | null;
  findings: KeyFinding[];
}

export interface HygieneSummaryLine {
  rule: HygieneRule;
  keys: number;
  /** Projects with such keys, with how many each and whose they are (distinct owners, in key order). */
  projects: { projectId: string; projectName: string | null; keys: number; owners: string[] }[];
  /** "3 keys unused for 90 days in 2 projects" */
  text: string;
}

/** The organization view: one line per rule that any key breaks, in HYGIENE_RULES order. */
export function summarizeHygiene(projects: readonly ProjectHygiene[], unusedDays: number): HygieneSummaryLine[] {
  const lines: HygieneSummaryLine[] = [];
  for (const rule of HYGIENE_RULES) {
    const affected = projects
      .map((project) => {
        const found = project.findings.filter((finding) => finding.rules.includes(rule));
        return {
          projectId: project.projectId,
          projectName: project.projectName,
          keys: found.length,
          owners: [...new Set(found.flatMap((finding) => (finding.owner === null ? [] : [finding.owner])))],
        };
      })
      .filter((project) => project.keys > 0);
    if (affected.length === 0) continue;
    const keys = affected.reduce((sum, project) => sum + project.keys, 0);
    const inProjects = `in ${plural(affected.length, 'project')}`;
    const texts: Record<HygieneRule, string> = {
      unused: `${plural(keys, 'key')} unused for ${unusedDays} days ${inProjects}`,
      'never-used': `${plural(keys, 'key')} never used ${inProjects}`,
      'owner-gone': `${plural(keys, 'key')} whose owner no longer has access, ${inProjects}`,
      'fresh-with-traffic': `${plural(keys, 'key')} created in the last day and already in use, ${inProjects}`,
    };
    lines.push({ rule, keys, projects: affected, text: texts[rule] });
  }
  return lines;
}
