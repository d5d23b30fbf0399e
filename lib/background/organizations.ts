import { adminApiFor } from '../admin-api/connect';
import { isWithin } from '../core/clock';
import { listStoredAdminKeys } from '../storage/key-store';
import { organizationFigures, usageCache, usageStatus } from '../storage/api-records';
import { guardWrite, StorageFullError } from '../storage/storage-problems';
import { currentCache } from '../usage/cache';
import { refreshOrganizations, type OrganizationFigures } from '../usage/organizations';
import { ORGANIZATION_SCOPE } from '../admin-api/scope';
import { MIN_REFRESH_GAP_MS, type RefreshDeps } from './refresh';
import { createSerialQueue } from './serial-queue';

/**
 * Refreshes of the organizations' figures (the schedule's, and one after a key is saved) each
 * read, change and write the whole record, so they run one after another (serial-queue.ts): a
 * refresh queued behind another finds the organizations it read recent, and skips them.
 */
const figuresWrites = createSerialQueue();

/**
 * The "All organizations" figures (lib/usage/organizations.ts): the first organization's are
 * those its own refresh just wrote (refresh.ts); every other organization is read with its own
 * key, in turn, on the same schedule. A failure of one is kept in its entry only.
 */
export function refreshOtherOrganizations(deps: Pick<RefreshDeps, 'fetch' | 'now'>, options: { force: boolean }): Promise<void> {
  return figuresWrites.run(() => readOtherOrganizations(deps, options));
}

async function readOtherOrganizations(deps: Pick<RefreshDeps, 'fetch' | 'now'>, { force }: { force: boolean }): Promise<void> {
  const [keys, previous, cache, status] = await Promise.all([
    listStoredAdminKeys(),
    organizationFigures.getValue(),
    usageCache.getValue(),
    usageStatus.getValue(),
  ]);
  const now = deps.now();
  const next: Record<string, OrganizationFigures> = {};
  const [first, ...others] = keys;
  if (first) {
    const current = currentCache(cache);
    const { id, name } = first.record.organization;
    next[id] = { organizationId: id, name, summary: current?.summaries[ORGANIZATION_SCOPE] ?? null, fetchedAt: current?.fetchedAt ?? null, status };
  }
  // Opening the popup twice in a row should not cost two rounds of requests per organization (as refresh.ts).
  const isDue = (id: string) => force || !isWithin(previous[id]?.fetchedAt ?? null, MIN_REFRESH_GAP_MS, now);
  const due = others.filter(({ record }) => isDue(record.organization.id));
  for (const { record } of others) {
    const kept = previous[record.organization.id];
    if (kept && !isDue(record.organization.id)) next[record.organization.id] = { ...kept, name: record.organization.name };
  }
  const read = await refreshOrganizations(
    due.map(({ record }) => ({
      organizationId: record.organization.id,
      name: record.organization.name,
      client: adminApiFor(record.key, { fetch: deps.fetch }).client,
    })),
    previous,
    now,
  );
  // Keys removed meanwhile are not written back.
  const still = new Set((await listStoredAdminKeys()).map((entry) => entry.record.organization.id));
  const figures = Object.fromEntries(Object.entries({ ...next, ...read }).filter(([id]) => still.has(id)));
  await guardWrite('local', 'the figures of every organization', () => organizationFigures.setValue(figures)).catch((error: unknown) => {
    if (!(error instanceof StorageFullError)) throw error;
    console.warn('[refined-openai-platform]', error.message);
  });
}

/** Removing an organization's key removes its figures, and nothing else. */
export async function forgetOrganizationFigures(organizationId: string): Promise<void> {
  // Not queued behind a refresh's network reads (a removal should not wait on them): a refresh
  // writes back only the organizations whose keys are still stored.
  const { [organizationId]: _removed, ...rest } = await organizationFigures.getValue();
  await guardWrite('local', 'the figures of every organization', () => organizationFigures.setValue(rest));
}

/**
 * Notifications name the organization they are about once there are several: the spike
 * alerts and the security watch read the first organization's key.
 */
export function namedNotices<Notice extends { title: string }>(notices: readonly Notice[], organizationNames: readonly string[]): Notice[] {
  const [first] = organizationNames;
  if (organizationNames.length < 2 || first === undefined) return [...notices];
  return notices.map((notice) => ({ ...notice, title: `${first}: ${notice.title}` }));
}
