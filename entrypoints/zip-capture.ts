import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CONNECT_MESSAGE, type ContentToPage, type PageToContent } from '../lib/features/usage-zip-export/capture-protocol';
import { describeError } from '../lib/core/describe-error';

/**
 * Runs in the page's own world, injected only when the user asks for a ZIP. While armed it
 * catches the files the dashboard saves (a Blob behind URL.createObjectURL and an
 * <a download> click, or a plain download link) and hands their bytes to the content
 * script instead of the Downloads folder. Disarmed, the page's own functions are back.
 */
export default defineUnlistedScript(() => {
  const nonce = (document.currentScript as HTMLScriptElement | null)?.dataset.nonce;
  if (!nonce) return;

  const originalCreateObjectURL = URL.createObjectURL;
  const originalAnchorClick = HTMLAnchorElement.prototype.click;
  const blobs = new Map<string, Blob>();
  let port: MessagePort | null = null;

  const post = (message: PageToContent, transfer: Transferable[] = []) => port?.postMessage(message, transfer);

  function fileNameOf(anchor: HTMLAnchorElement): string {
    if (anchor.download) return anchor.download;
    try {
      return decodeURIComponent(new URL(anchor.href).pathname.split('/').pop() ?? '') || 'download';
    } catch {
      return 'download';
    }
  }

  async function capture(anchor: HTMLAnchorElement): Promise<void> {
    const fileName = fileNameOf(anchor);
    const href = anchor.href;
    post({ type: 'capture-started', fileName });
    try {
      const kept = blobs.get(href);
      const source = (kept || href.startsWith('blob:')) ? 'blob' : href.startsWith('data:') ? 'data-url' : 'link';
      // The app usually revokes its blob URL right after the click: the kept Blob outlives it.
      const bytes = kept ? await kept.arrayBuffer() : await (await checkedFetch(href)).arrayBuffer();
      post({ type: 'captured', fileName, bytes, source }, [bytes]);
    } catch (error) {
      post({ type: 'capture-failed', fileName, reason: describeError(error) });
    }
  }

  async function checkedFetch(href: string): Promise<Response> {
    // The dashboard's cookies go only where the dashboard itself lives (a signed file URL on
    // another host needs none); a refusal there is reported as this month's failure.
    const response = await fetch(href, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`the file's address answered HTTP ${response.status}`);
    return response;
  }

  const isDownload = (anchor: HTMLAnchorElement) => anchor.hasAttribute('download') || anchor.href.startsWith('blob:');

  function patchedCreateObjectURL(this: typeof URL, object: Blob | MediaSource): string {
    const url = originalCreateObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  }

  function patchedClick(this: HTMLAnchorElement): void {
    if (isDownload(this)) void capture(this);
    else originalAnchorClick.call(this);
  }

  function onClick(event: MouseEvent): void {
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || !isDownload(anchor)) return;
    event.preventDefault();
    void capture(anchor);
  }

  function arm(): void {
    URL.createObjectURL = patchedCreateObjectURL;
    HTMLAnchorElement.prototype.click = patchedClick;
    window.addEventListener('click', onClick, true);
    post({ type: 'armed' });
  }

  function disarm(): void {
    URL.createObjectURL = originalCreateObjectURL;
    HTMLAnchorElement.prototype.click = originalAnchorClick;
    window.removeEventListener('click', onClick, true);
    blobs.clear();
  }

  function onConnect(event: MessageEvent): void {
    if (event.source !== window || event.data?.type !== CONNECT_MESSAGE || event.data.nonce !== nonce) return;
    const [received] = event.ports;
    if (!received) return;
    window.removeEventListener('message', onConnect);
    port = received;
    port.onmessage = ({ data }: MessageEvent<ContentToPage>) => {
      if (data?.type === 'arm') arm();
      else if (data?.type === 'disarm') disarm();
    };
  }
  window.addEventListener('message', onConnect);
});
