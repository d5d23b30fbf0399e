import { describe, expect, it } from 'vitest';
import { namedNotices } from './organizations';

describe('namedNotices', () => {
  const notice = { id: 'spike:proj_a', projectId: 'proj_a', title: 'Production: unusual spend', message: '$300.00 in one day' };

  it('names the organization once there are several, and leaves everything else as it is', () => {
    expect(namedNotices([notice], ['Acme', 'Globex'])).toEqual([{ ...notice, title: 'Acme: Production: unusual spend' }]);
  });

  it('says nothing more with one organization', () => {
    expect(namedNotices([notice], ['Acme'])).toEqual([notice]);
    expect(namedNotices([notice], [])).toEqual([notice]);
  });
});
