import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { capturePageOutline } from './capture';
import { pageOutlineItem } from './store';

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/settings/proj_Secret42/limits');
});

describe('capturePageOutline and its store', () => {
  it('stores the redacted outline under the feature’s own key, replacing the previous one', async () => {
    document.body.innerHTML = '<header><div tabindex="0">Initech · Skunkworks</div></header>';
    await capturePageOutline('project-emphasis', document, 1000);
    document.body.innerHTML = '<header><div tabindex="0">Other Org · Other</div></header>';
    await capturePageOutline('project-emphasis', document, 2000);
    const stored = await pageOutlineItem('project-emphasis').getValue();
    expect(stored).toMatchObject({ featureId: 'project-emphasis', path: '/settings/aaaa_Aaaaaa99/limits', at: 2000 });
    expect(stored?.outline).toContain('Aaaaa Aaa · Aaaaa');
    expect(JSON.stringify(stored)).not.toMatch(/Initech|Skunkworks|Secret42/);
    expect(await pageOutlineItem('usage-zip-export').getValue()).toBeNull();
  });

  it('refuses keys that are not feature ids', () => {
    expect(() => pageOutlineItem('../featureHealth')).toThrow(RangeError);
  });
});
