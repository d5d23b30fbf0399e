import { injectScript } from 'wxt/utils/inject-script';
import { CONNECT_MESSAGE, parsePageMessage, type ContentToPage, type PageToContent } from './capture-protocol';

export interface CaptureChannel {
  /**
   * Holds the page's download catcher armed; resolves once the page world confirms, rejects
   * when it does not within the arming timeout. Every arm() is to be matched by exactly one
   * disarm(), whether it resolved or not: the catcher stays armed while anyone holds it.
   */
  arm(): Promise<void>;
  /** Lets go of one arm(); the last to let go disarms the page. */
  disarm(): void;
  onMessage(listener: (message: PageToContent) => void): () => void;
  /**
   * Has the page let the extension's own download of `url` (the ZIP) through, even while a
   * run (or a cancelled one still draining) holds the catcher armed: the catcher sees every
   * `<a download>` of the tab, ours too. Resolves once the page confirms, or after a moment.
   */
  allow(url: string): Promise<void>;
}

export const ARM_TIMEOUT_MS = 5000;
const ALLOW_TIMEOUT_MS = 1000;

/**
 * Arms and disarms the page-world catcher over `port` (the content script's end), counting holders so that a run still
 * draining keeps it armed under a new one. A page that confirms "armed" while nobody holds
 * the catcher (too late for an arm that timed out) is disarmed again at once: otherwise the
 * tab would swallow its own downloads until reloaded.
 */
export function createCaptureChannel(port: MessagePort, { armTimeoutMs = ARM_TIMEOUT_MS } = {}): CaptureChannel {
  const post = (message: ContentToPage) => port.postMessage(message);
  const listeners = new Set<(message: PageToContent) => void>();
  let holders = 0;
  port.onmessage = ({ data }: MessageEvent<unknown>) => {
    const message = parsePageMessage(data);
    if (!message) return;
    if (message.type === 'armed' && holders === 0) post({ type: 'disarm' });
    listeners.forEach((listener) => listener(message));
  };
  const onMessage = (listener: (message: PageToContent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    onMessage,
    allow: (url) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stop();
          resolve();
        };
        const timer = setTimeout(done, ALLOW_TIMEOUT_MS);
        const stop = onMessage((message) => {
          if (message.type === 'allowed' && message.url === url) done();
        });
        post({ type: 'allow', url });
      }),
    disarm: () => {
      if (holders === 0) return;
      holders -= 1;
      if (holders === 0) post({ type: 'disarm' });
    },
    arm: () =>
      new Promise<void>((resolve, reject) => {
        holders += 1;
        const timer = setTimeout(() => {
          stop();
          reject(new Error('The download catcher did not start in the page.'));
        }, armTimeoutMs);
        const stop = onMessage((message) => {
          if (message.type !== 'armed') return;
          clearTimeout(timer);
          stop();
          resolve();
        });
        post({ type: 'arm' });
      }),
  };
}

let channel: Promise<CaptureChannel> | null = null;

async function connect(): Promise<CaptureChannel> {
  const nonce = crypto.randomUUID();
  const { script } = await injectScript('/zip-capture.js', {
    keepInDom: true,
    modifyScript: (element) => {
      element.dataset.nonce = nonce;
    },
  });
  script.remove();
  const { port1, port2 } = new MessageChannel();
  const captureChannel = createCaptureChannel(port1);
  window.postMessage({ type: CONNECT_MESSAGE, nonce }, window.location.origin, [port2]);
  return captureChannel;
}

/** The page-world catcher is injected once per page, on the first ZIP request. */
export function captureChannel(): Promise<CaptureChannel> {
  channel ??= connect().catch((error: unknown) => {
    channel = null;
    throw error;
  });
  return channel;
}
