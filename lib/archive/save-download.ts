export function zipUrl(bytes: Uint8Array): string {
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}

export interface SaveDownloadOptions {
  /**
   * When to free the blob URL: after this many ms (by then the download holds its own
   * reference), or null to keep it for a "Save again" link while the page is open.
   */
  revokeAfterMs: number | null;
  /** An object URL of these bytes made beforehand (say, one a page's download catcher was told to let through). */
  url?: string;
}

/**
 * Hands an archive to the browser as a download, through an `<a download>` on a blob URL:
 * it works in a content script and an extension page alike and needs no downloads
 * permission (a service worker has no URL.createObjectURL). Returns the blob URL.
 */
export function saveDownload(document: Document, fileName: string, bytes: Uint8Array, { revokeAfterMs, url = zipUrl(bytes) }: SaveDownloadOptions): string {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  if (revokeAfterMs !== null) setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
  return url;
}
