import { beforeEach, describe, expect, it, vi } from 'vitest';
import { capturePageOutline } from './outline-capture';
import { pageOutlineItem, type StoredOutline } from '../storage/page-outline';

const sent = vi.hoisted(() => [] as { type: string; data: unknown }[]);
vi.mock('../messaging/page-messenger', () => ({
  sendToWorker: (type: string, data: unknown) => {
    sent.push({ type, data });
    return Promise.resolve();
  },
}));

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/settings/proj_Secret42/limits');
});

describe('capturePageOutline', () => {
  it('sends the worker the redacted outline of what the feature looked at, nothing of the user’s', async () => {
    document.body.innerHTML = '<header><div tabindex="0">Initech · Skunkworks</div></header>';
    await capturePageOutline('project-emphasis', document, 1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe('storePageOutline');
    const outline = sent[0]!.data as StoredOutline;
    expect(outline).toMatchObject({ featureId: 'project-emphasis', path: '/settings/aaaa_Aaaaaa99/limits', at: 1000 });
    expect(outline.outline).toContain('Aaaaaaa · Aaaaaaaaaa');
    expect(JSON.stringify(outline)).not.toMatch(/Initech|Skunkworks|Secret42/);
  });
});

describe('pageOutlineItem', () => {
  it('refuses keys that are not feature ids', () => {
    expect(() => pageOutlineItem('../featureHealth')).toThrow(RangeError);
  });
});
