import { AdminApiError } from './errors';
import type { ListPage } from './responses';

export interface ListPagesResult<Item> {
  items: Item[];
  /** True when `maxPages` was reached while the server still had more: the items are the first pages only. */
  truncated: boolean;
  /** Requests made. */
  pages: number;
}

/**
 * Follows a list endpoint's `after` cursor (`last_id`, or the last item's id) for at most
 * `maxPages` pages. A page that claims more but gives no new cursor would loop forever or
 * silently drop data, so both are reported as `malformed`.
 */
export async function readListPages<Item extends { id: string }>(
  fetchPage: (after: string | undefined) => Promise<ListPage<Item>>,
  { maxPages }: { maxPages: number },
): Promise<ListPagesResult<Item>> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(after);
    items.push(...page.items);
    if (!page.hasMore) return { items, truncated: false, pages };
    const next = page.lastId ?? page.items.at(-1)?.id ?? null;
    if (next === null) throw new AdminApiError('malformed', { detail: 'has_more is true but no cursor was given' });
    if (seen.has(next)) throw new AdminApiError('malformed', { detail: `pagination cursor ${next} repeated` });
    if (pages >= maxPages) return { items, truncated: true, pages };
    seen.add(next);
    after = next;
  }
}
