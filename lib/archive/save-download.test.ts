import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveDownload } from './save-download';

afterEach(() => {
  vi.useRealTimers();
});

describe('saveDownload', () => {
  it('clicks an <a download> on a blob URL of the bytes, and frees the URL later when asked', async () => {
    vi.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const created = vi.spyOn(URL, 'createObjectURL');
    const revoked = vi.spyOn(URL, 'revokeObjectURL');

    const url = saveDownload(document, 'a.zip', new Uint8Array([1, 2, 3]), { revokeAfterMs: 60_000 });
    expect(clicked).toEqual([{ href: url, download: 'a.zip' }]);
    const blob = created.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('application/zip');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    vi.advanceTimersByTime(59_999);
    expect(revoked).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(revoked).toHaveBeenCalledWith(url);
  });

  it('keeps the URL for "Save again" when told to', () => {
    vi.useFakeTimers();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    saveDownload(document, 'b.zip', new Uint8Array(), { revokeAfterMs: null });
    vi.runAllTimers();
    expect(revoked).not.toHaveBeenCalled();
  });
});
