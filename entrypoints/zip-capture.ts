import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CONNECT_MESSAGE, type CaptureSource, type ContentToPage, type PageToContent } from '../lib/features/usage-zip-export/capture-protocol';
import { describeError } from '../lib/core/describe-error';

/** The Navigation API's event, as far as the catcher reads it (not yet in TypeScript's DOM types). */
interface NavigateEventLike extends Event {
  readonly destination: { readonly url: string; readonly sameDocument: boolean };
  /** The suggested file name of an `<a download>` activation; null for other navigations. */
  readonly downloadRequest?: string | null;
  readonly navigationType: string;
  readonly userInitiated: boolean;
  readonly formData: FormData | null;
}

/**
 * Runs in the page's own world, injected only when the user asks for a ZIP. While armed it
 * catches every way a page can start a download and hands the file's bytes to the content
 * script instead of the Downloads folder:
 * - a click on an `<a download>` (or on a `blob:` / `data:` link), attached to the document
 *   or not, a user's click or a script's (`click()` on the link or inside it, a dispatched
 *   MouseEvent): a listener on the link itself cancels the click unless the page already did;
 * - object URLs, however late they are revoked (or never): the Blob is kept when it is made;
 * - `data:` URLs, read with fetch;
 * - a script navigating the page to a file (`location.href = …`, a plain link to an
 *   attachment) and any `<a download>` activation the listeners missed, through the
 *   Navigation API's cancelable `navigate` event; a navigation that turns out to be an
 *   ordinary page is let through;
 * - `window.open` of a file.
 * What it stops but cannot read (a file on another site that does not let the page read
 * it, a navigation the browser would not let it cancel) is reported as uncatchable, naming
 * how it came, never left to reach Downloads. Disarmed, the page's own functions are back.
 */
export default defineUnlistedScript(() => {
  const nonce = (document.currentScript as HTMLScriptElement | null)?.dataset.nonce;
  if (!nonce) return;

  const originalCreateObjectURL = URL.createObjectURL;
  const originalClick = HTMLElement.prototype.click;
  const originalDispatchEvent = EventTarget.prototype.dispatchEvent;
  const originalOpen = window.open;
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  const blobs = new Map<string, Blob>();
  /** Links whose click a listener already watches: one capture per click. */
  const guarded = new WeakSet<HTMLAnchorElement>();
  /** An ordinary page the page navigated to while armed: sent on once, not caught again. */
  let letThrough: string | null = null;
  /** Downloads the extension itself starts (its ZIP): never caught. */
  const allowed = new Set<string>();
  let armed = false;
  let port: MessagePort | null = null;

  const post = (message: PageToContent, transfer: Transferable[] = []) => port?.postMessage(message, transfer);

  function fileNameOfUrl(url: string): string {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return 'download';
      return decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || 'download';
    } catch {
      return 'download';
    }
  }

  /** `attachment; filename="cost_….csv"` or `filename*=UTF-8''…`. */
  function dispositionName(header: string | null): string | null {
    if (!header) return null;
    const encoded = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(header)?.[1];
    if (encoded) {
      try {
        return decodeURIComponent(encoded.trim());
      } catch {
        // Fall back to the plain parameter.
      }
    }
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
    return (plain?.[1] ?? plain?.[2] ?? '').trim() || null;
  }

  /** blob: and data: URLs, and the page's own origin, are readable; another site's file only if it allows it. */
  function isOwn(url: string): boolean {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'data:' || parsed.origin === location.origin;
    } catch {
      return false;
    }
  }

  const sourceOfUrl = (url: string, otherwise: CaptureSource): CaptureSource =>
    /^blob:/i.test(url) ? 'blob' : /^data:/i.test(url) ? 'data-url' : otherwise;

  const shortUrl = (url: string) => (/^data:/i.test(url) ? 'a data: URL' : url.length > 160 ? `${url.slice(0, 160)}…` : url);

  /**
   * Reads the file behind `url` and hands it over. `onPage`: what was caught may be an
   * ordinary page (a navigation, a window), which is then let go instead.
   */
  async function capture(url: string, suggested: string | null, source: CaptureSource, how: string, onPage?: () => void): Promise<void> {
    const firstName = suggested || fileNameOfUrl(url);
    if (!onPage) post({ type: 'capture-started', fileName: firstName });
    try {
      // The app often revokes its object URL right after the click: the kept Blob outlives it.
      const kept = blobs.get(url);
      if (kept) {
        const bytes = await kept.arrayBuffer();
        post({ type: 'captured', fileName: firstName, bytes, source }, [bytes]);
        return;
      }
      let response: Response;
      try {
        // Started before anything awaits, so an object URL revoked right after the click still resolves.
        // The dashboard's cookies go only where the dashboard itself lives.
        response = await fetch(url, { credentials: 'same-origin' });
      } catch (error) {
        if (isOwn(url)) throw error;
        post({ type: 'uncatchable', fileName: firstName, how: `${how} of ${shortUrl(url)}, a file on another site that does not let the page read it` });
        return;
      }
      const disposition = response.headers.get('content-disposition');
      if (onPage && !/^\s*attachment/i.test(disposition ?? '') && /text\/html/i.test(response.headers.get('content-type') ?? '')) {
        onPage();
        return;
      }
      const fileName = dispositionName(disposition) ?? firstName;
      if (onPage) post({ type: 'capture-started', fileName });
      if (!response.ok) throw new Error(`the file's address answered HTTP ${response.status}`);
      const bytes = await response.arrayBuffer();
      post({ type: 'captured', fileName, bytes, source }, [bytes]);
    } catch (error) {
      post({ type: 'capture-failed', fileName: firstName, reason: describeError(error) });
    }
  }

  function downloadAnchor(target: unknown): HTMLAnchorElement | null {
    const anchor = target instanceof Element ? target.closest('a') : null;
    if (!anchor?.href) return null;
    return anchor.hasAttribute('download') || /^(blob|data):/i.test(anchor.href) ? anchor : null;
  }

  /** Cancels the link's click and takes its file, unless the page cancelled the click itself (then nothing downloads). */
  function takeClick(anchor: HTMLAnchorElement): (event: Event) => void {
    return (event) => {
      if (event.type !== 'click' || event.defaultPrevented || allowed.has(anchor.href)) return;
      event.preventDefault();
      void capture(anchor.href, anchor.getAttribute('download') || null, sourceOfUrl(anchor.href, 'link'), 'a link');
    };
  }

  /** Runs a script's click on (or inside) a link with the link watched for the click's duration: attached or not. */
  function whileWatched<T>(target: EventTarget, act: () => T): T {
    const anchor = armed ? downloadAnchor(target) : null;
    if (!anchor || guarded.has(anchor)) return act();
    const listener = takeClick(anchor);
    guarded.add(anchor);
    anchor.addEventListener('click', listener);
    try {
      return act();
    } finally {
      anchor.removeEventListener('click', listener);
      guarded.delete(anchor);
    }
  }

  function patchedCreateObjectURL(this: typeof URL, object: Blob | MediaSource): string {
    const url = originalCreateObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  }

  function patchedClick(this: HTMLElement): void {
    whileWatched(this, () => originalClick.call(this));
  }

  function patchedDispatchEvent(this: EventTarget, event: Event): boolean {
    return event.type === 'click' ? whileWatched(this, () => originalDispatchEvent.call(this, event)) : originalDispatchEvent.call(this, event);
  }

  /** Clicks that reach the window (a user's, or a script's the patches did not see): the link is watched until the click is over. */
  function onClick(event: MouseEvent): void {
    const anchor = downloadAnchor(event.composedPath()[0] ?? event.target);
    if (!anchor || guarded.has(anchor)) return;
    const listener = takeClick(anchor);
    guarded.add(anchor);
    anchor.addEventListener('click', listener, { once: true });
    setTimeout(() => {
      anchor.removeEventListener('click', listener);
      guarded.delete(anchor);
    });
  }

  function onNavigate(event: Event): void {
    const navigate = event as NavigateEventLike;
    const url = navigate.destination.url;
    if (letThrough === url || allowed.delete(url)) {
      if (letThrough === url) letThrough = null;
      return;
    }
    const download = navigate.downloadRequest !== null && navigate.downloadRequest !== undefined;
    const elsewhere =
      !navigate.destination.sameDocument && navigate.navigationType !== 'traverse' && navigate.navigationType !== 'reload';
    // A user leaving the page, a form being sent, a route change of the app: not a download.
    if (!download && (!elsewhere || navigate.userInitiated || navigate.formData)) return;
    if (!navigate.cancelable) {
      post({ type: 'uncatchable', fileName: navigate.downloadRequest || fileNameOfUrl(url), how: `a navigation to ${shortUrl(url)} that the browser would not let the page stop` });
      return;
    }
    event.preventDefault();
    if (download) {
      void capture(url, navigate.downloadRequest || null, sourceOfUrl(url, 'link'), 'a download link');
    } else {
      void capture(url, null, sourceOfUrl(url, 'navigation'), 'a navigation of the page', () => {
        letThrough = url;
        location.assign(url);
      });
    }
  }

  function patchedOpen(this: Window, url?: string | URL, target?: string, features?: string): WindowProxy | null {
    let href: string | null = null;
    try {
      href = url === undefined || String(url) === '' ? null : new URL(String(url), location.href).href;
    } catch {
      href = null;
    }
    if (!armed || !href || !/^(https?|blob|data):/i.test(href)) return originalOpen.call(window, url, target, features);
    const opened = href;
    void capture(opened, null, sourceOfUrl(opened, 'window-open'), 'window.open', () => void originalOpen.call(window, opened, target, features));
    // As a blocked pop-up: the page gets no window to script.
    return null;
  }

  function arm(): void {
    armed = true;
    URL.createObjectURL = patchedCreateObjectURL;
    HTMLElement.prototype.click = patchedClick;
    EventTarget.prototype.dispatchEvent = patchedDispatchEvent;
    window.open = patchedOpen;
    window.addEventListener('click', onClick, true);
    navigation?.addEventListener('navigate', onNavigate);
    post({ type: 'armed' });
  }

  function disarm(): void {
    armed = false;
    URL.createObjectURL = originalCreateObjectURL;
    HTMLElement.prototype.click = originalClick;
    EventTarget.prototype.dispatchEvent = originalDispatchEvent;
    window.open = originalOpen;
    window.removeEventListener('click', onClick, true);
    navigation?.removeEventListener('navigate', onNavigate);
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
      else if (data?.type === 'allow' && typeof data.url === 'string') {
        allowed.add(data.url);
        post({ type: 'allowed', url: data.url });
      }
    };
  }
  window.addEventListener('message', onConnect);
});
