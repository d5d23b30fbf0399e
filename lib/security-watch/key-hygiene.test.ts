import { describe, expect, it } from 'vitest';
import type { ProjectApiKeyEntry } from '../admin-api/project-api-keys';
import { describeKey, describeRule, keyFindings, summarizeHygiene, type ProjectHygiene } from './key-hygiene';

const DAY = 86_400;
const NOW = 1_763_000_000;

const ADA = { type: 'user', id: 'user_1', name: 'Ada', email: 'ada@example.com' };
const DEPLOY_BOT = { type: 'service_account', id: 'svc_1', name: 'Deploy bot', email: null };

function key(
  id: string,
  createdDaysAgo: number,
  lastUsedDaysAgo: number | null,
  access: 'active' | 'inactive' = 'active',
  owner: ProjectApiKeyEntry['owner'] = ADA,
): ProjectApiKeyEntry {
  return {
    id,
    name: `Key ${id}`,
    redactedValue: `sk-...${id}`,
    createdAt: NOW - createdDaysAgo * DAY,
    lastUsedAt: lastUsedDaysAgo === null ? null : NOW - lastUsedDaysAgo * DAY,
    owner,
    ownerProjectAccess: access,
  };
}

const rules = (keys: ProjectApiKeyEntry[], unusedDays = 90) =>
  keyFindings(keys, { nowSeconds: NOW, unusedDays }).map((finding) => [finding.keyId, finding.rules]);

describe('keyFindings', () => {
  it('never used: no last use and older than a day', () => {
    expect(rules([key('a', 10, null), key('b', 0.5, null)])).toEqual([['a', ['never-used']]]);
  });

  it('unused: last used longer ago than the threshold from options', () => {
    expect(rules([key('a', 200, 91), key('b', 200, 89)])).toEqual([['a', ['unused']]]);
    expect(rules([key('a', 200, 91), key('b', 200, 89)], 30)).toEqual([
      ['a', ['unused']],
      ['b', ['unused']],
    ]);
  });

  it("owner no longer has access: owner_project_access is inactive", () => {
    expect(rules([key('a', 10, 1, 'inactive'), key('b', 10, 1, 'active')])).toEqual([['a', ['owner-gone']]]);
  });

  it('created in the last day and already used', () => {
    expect(rules([key('a', 0.2, 0.1), key('b', 2, 0.1)])).toEqual([['a', ['fresh-with-traffic']]]);
  });

  it('a key can break several rules; a healthy key is not listed', () => {
    expect(rules([key('a', 400, 120, 'inactive'), key('ok', 30, 1)])).toEqual([['a', ['unused', 'owner-gone']]]);
  });

  it('describes each rule in words', () => {
    const [finding] = keyFindings([key('a', 400, 120, 'inactive')], { nowSeconds: NOW, unusedDays: 90 });
    expect(describeRule('unused', finding!, NOW)).toBe('unused for 120 days');
    expect(describeRule('owner-gone', finding!, NOW)).toBe('its owner no longer has access to the project');
  });

  it("names whose key it is: the user's e-mail or the service account's name", () => {
    const [user, bot] = keyFindings([key('a', 400, 120), key('b', 400, 120, 'active', DEPLOY_BOT)], { nowSeconds: NOW, unusedDays: 90 });
    expect(user!.owner).toBe('ada@example.com');
    expect(describeKey(user!)).toBe('“Key a” (sk-...a) of ada@example.com');
    expect(describeKey(bot!)).toBe('“Key b” (sk-...b) of service account “Deploy bot”');
    const [nobody] = keyFindings([key('c', 400, 120, 'active', { type: 'user', id: null, name: null, email: null })], { nowSeconds: NOW, unusedDays: 90 });
    expect(describeKey(nobody!)).toBe('“Key c” (sk-...c)');
  });
});

describe('summarizeHygiene', () => {
  it('summarizes the organization: "3 keys unused for 90 days in 2 projects"', () => {
    const project = (projectId: string, keys: ProjectApiKeyEntry[]): ProjectHygiene => ({
      projectId,
      projectName: projectId.toUpperCase(),
      findings: keyFindings(keys, { nowSeconds: NOW, unusedDays: 90 }),
    });
    const lines = summarizeHygiene(
      [project('p1', [key('a', 300, 100), key('b', 300, 200, 'active', DEPLOY_BOT), key('e', 300, 120), key('c', 5, null)]), project('p2', [key('d', 300, 95, 'inactive')]), project('p3', [])],
      90,
    );
    expect(lines.map((line) => line.text)).toEqual([
      '4 keys unused for 90 days in 2 projects',
      '1 key never used in 1 project',
      '1 key whose owner no longer has access, in 1 project',
    ]);
    expect(lines[0]!.projects).toEqual([
      { projectId: 'p1', projectName: 'P1', keys: 3, owners: ['ada@example.com', 'service account “Deploy bot”'] },
      { projectId: 'p2', projectName: 'P2', keys: 1, owners: ['ada@example.com'] },
    ]);
    expect(summarizeHygiene([project('p3', [key('ok', 3, 1)])], 90)).toEqual([]);
  });
});
