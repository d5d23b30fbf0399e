import { AdminApiError } from './errors';
import type { ListPage } from './responses';

export interface ListPagesResult<Item> {
  items: Item[];
  /** True when `maxPages` was reached while the server still had more: the items are the first pages only. */
  truncated: boolean;
  /** Requests made. */
  pages: number;
}

/** One page of anything paged: its items, whether the server has more, and the cursor for the next page. */
export interface CursorPage<Item> {
  items: readonly Item[];
  hasMore: boolean;
  next: string | null;
}

/**
 * The one way the extension pages through the Admin API: follows the cursor for at most
 * `maxPages` pages. A page that claims more but gives no new cursor would loop forever or
 * silently drop data, so both are reported as `malformed`.
 */
export async function followPages<Item>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<Item>>,
  { maxPages }: { maxPages: number },
): Promise<ListPagesResult<Item>> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.hasMore) return { items, truncated: false, pages };
    if (page.next === null) throw new AdminApiError('malformed', { detail: 'has_more is true but no cursor was given' });
    if (seen.has(page.next)) throw new AdminApiError('malformed', { detail: `pagination cursor ${page.next} repeated` });
    if (pages >= maxPages) return { items, truncated: true, pages };
    seen.add(page.next);
    cursor = page.next;
  }
}

/** Every page, or `malformed` when there are more than `maxPages`: for callers that must not act on part of a list. */
export async function followAllPages<Item>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<Item>>,
  maxPages: number,
): Promise<Item[]> {
  const { items, truncated } = await followPages(fetchPage, { maxPages });
  if (truncated) throw new AdminApiError('malformed', { detail: `more than ${maxPages} pages` });
  return items;
}

/** A list endpoint's cursor: `last_id` is documented; the last item's id is the same cursor when it is missing. */
export function listCursor<Item extends { id: string }>(page: ListPage<Item>): CursorPage<Item> {
  return { items: page.items, hasMore: page.hasMore, next: page.lastId ?? page.items.at(-1)?.id ?? null };
}

/** Follows a list endpoint's `after` cursor for at most `maxPages` pages. */
export function readListPages<Item extends { id: string }>(
  fetchPage: (after: string | undefined) => Promise<ListPage<Item>>,
  { maxPages }: { maxPages: number },
): Promise<ListPagesResult<Item>> {
  return followPages(async (after) => listCursor(await fetchPage(after)), { maxPages });
}
