import { rangeContains, rangesOverlap, type DayRange } from '../../archive/month-range';

/** A row of the run as attribution sees it. */
export interface RowClaim {
  /** The days the row's label names; null when it names none. */
  window: DayRange | null;
  /** When the row was last clicked (a running number); null if never. */
  clickedAt: number | null;
  /** Its click is still waiting for files. */
  waiting: boolean;
}

export type Attribution =
  /** `by`: how it was matched. 'name': the file's dates lie in the row's; 'click-order': they could not be compared. */
  | { row: number; by: 'name' | 'click-order' }
  /** Both dates readable and the file fits no row: `row` is the waiting row it arrived for, if any. */
  | { mismatch: true; row: number | null };

function earliest(rows: readonly RowClaim[], indices: number[]): number | undefined {
  return indices.sort((a, b) => (rows[a]?.clickedAt ?? 0) - (rows[b]?.clickedAt ?? 0))[0];
}

function latest(rows: readonly RowClaim[], indices: number[]): number | undefined {
  return indices.sort((a, b) => (rows[b]?.clickedAt ?? 0) - (rows[a]?.clickedAt ?? 0))[0];
}

/**
 * Which row a file that just arrived belongs to. Its name is checked against the rows when
 * both carry dates: the waiting row whose days hold the file's, else any row that does (a
 * late second file of a row already done), else one whose days it overlaps (a month label
 * with 31-day windows). When dates cannot be compared, the row clicked first among those
 * waiting gets it: a run whose rows name no days clicks one row at a time, so that order
 * is the truth. Null when no row was clicked.
 */
export function attributeFile(fileWindow: DayRange | null, rows: readonly RowClaim[]): Attribution | null {
  const indices = rows.map((_, index) => index);
  const clicked = indices.filter((index) => rows[index]?.clickedAt !== null);
  if (clicked.length === 0) return null;
  const waiting = clicked.filter((index) => rows[index]?.waiting);
  if (fileWindow) {
    const dated = (list: number[], fits: (window: DayRange) => boolean) =>
      list.filter((index) => {
        const window = rows[index]?.window;
        return window != null && fits(window);
      });
    const byName =
      earliest(rows, dated(waiting, (window) => rangeContains(window, fileWindow))) ??
      earliest(rows, dated(clicked, (window) => rangeContains(window, fileWindow))) ??
      earliest(rows, dated(waiting, (window) => rangesOverlap(window, fileWindow))) ??
      earliest(rows, dated(clicked, (window) => rangesOverlap(window, fileWindow)));
    if (byName !== undefined) return { row: byName, by: 'name' };
    const undated = earliest(rows, waiting.filter((index) => rows[index]?.window === null));
    if (undated !== undefined) return { row: undated, by: 'click-order' };
    const late = latest(rows, clicked.filter((index) => rows[index]?.window === null));
    if (waiting.length === 0 && late !== undefined) return { row: late, by: 'click-order' };
    return { mismatch: true, row: earliest(rows, waiting) ?? null };
  }
  const row = earliest(rows, waiting) ?? latest(rows, clicked);
  return row === undefined ? null : { row, by: 'click-order' };
}
