import { describe, expect, it } from 'vitest';
import { attributeFile, type RowClaim } from './attribution';

const range = (start: string, endInclusive: string) => ({ start, endInclusive });
const JUNE = range('2026-06-01', '2026-07-01');
const JULY = range('2026-07-02', '2026-08-01');
const AUGUST = range('2026-08-02', '2026-08-21');

function row(window: RowClaim['window'], clickedAt: number | null, waiting = clickedAt !== null): RowClaim {
  return { window, clickedAt, waiting };
}

describe('attributeFile', () => {
  it('gives a file to the waiting row whose days hold its own, whatever the click order', () => {
    const rows = [row(JUNE, 1), row(JULY, 2), row(AUGUST, 3)];
    expect(attributeFile(JULY, rows)).toEqual({ row: 1, by: 'name' });
    expect(attributeFile(range('2026-08-02', '2026-08-21'), rows)).toEqual({ row: 2, by: 'name' });
  });

  it('gives a late second file (another capability) to its row even when that row is done', () => {
    const rows = [row(JUNE, 1, false), row(JULY, 2)];
    expect(attributeFile(JUNE, rows)).toEqual({ row: 0, by: 'name' });
  });

  it('matches 31-day windows to month labels by overlap', () => {
    const june = range('2026-06-01', '2026-06-30');
    const july = range('2026-07-01', '2026-07-31');
    expect(attributeFile(range('2026-06-01', '2026-07-01'), [row(june, 1), row(july, 2)])).toEqual({ row: 0, by: 'name' });
  });

  it('goes by click order when the row names no days or the file name none', () => {
    expect(attributeFile(JUNE, [row(null, 2), row(null, 1)])).toEqual({ row: 1, by: 'click-order' });
    expect(attributeFile(null, [row(JUNE, 2), row(JULY, 1)])).toEqual({ row: 1, by: 'click-order' });
    // Nothing waits any more: the row clicked last gets a straggler.
    expect(attributeFile(null, [row(null, 1, false), row(null, 2, false)])).toEqual({ row: 1, by: 'click-order' });
    expect(attributeFile(JUNE, [row(null, 1, false), row(null, 2, false)])).toEqual({ row: 1, by: 'click-order' });
  });

  it('reports a file whose dates fit no row as a mismatch of the row it arrived for', () => {
    expect(attributeFile(range('2025-01-01', '2025-01-31'), [row(JUNE, 1), row(JULY, 2)])).toEqual({ mismatch: true, row: 0 });
    expect(attributeFile(range('2025-01-01', '2025-01-31'), [row(JUNE, 1, false)])).toEqual({ mismatch: true, row: null });
  });

  it('gives nothing before any row was clicked', () => {
    expect(attributeFile(JUNE, [row(JUNE, null)])).toBeNull();
    expect(attributeFile(null, [])).toBeNull();
  });
});
