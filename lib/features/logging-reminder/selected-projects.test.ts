import { describe, expect, it } from 'vitest';
import { selectedProjectIds } from './selected-projects';

const seen = [
  { id: 'proj_A1', name: 'Production', organization: 'Acme' },
  { id: 'proj_B2', name: 'Sandbox', organization: 'Acme' },
  { id: 'proj_C3', name: 'Sandbox', organization: 'Other Org' },
  { id: null, name: 'Nameless', organization: 'Acme' },
];

describe('selectedProjectIds', () => {
  it('keeps ids the page shows and matches names within the organization', () => {
    expect(selectedProjectIds([{ name: 'X', id: 'proj_X9' }, { name: 'Sandbox', id: null }], seen, 'Acme')).toEqual(['proj_X9', 'proj_B2']);
  });

  it('gives up on a name it has never seen, or one without an id', () => {
    expect(selectedProjectIds([{ name: 'Research', id: null }], seen, 'Acme')).toBeNull();
    expect(selectedProjectIds([{ name: 'Nameless', id: null }], seen, 'Acme')).toBeNull();
  });

  it('gives up on a name two projects share when the organization cannot tell them apart', () => {
    expect(selectedProjectIds([{ name: 'Sandbox', id: null }], seen, null)).toBeNull();
  });

  it('reads an empty selection as empty', () => {
    expect(selectedProjectIds([], seen, 'Acme')).toEqual([]);
  });
});
