import { injectScript } from 'wxt/utils/inject-script';
import { CONNECT_MESSAGE, parsePageMessage, type PageToContent } from './capture-protocol';

export interface CaptureChannel {
  /** Starts catching the page's downloads; resolves once the page world confirms. */
  arm(): Promise<void>;
  disarm(): void;
  onMessage(listener: (message: PageToContent) => void): () => void;
}

const ARM_TIMEOUT_MS = 5000;
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
  const listeners = new Set<(message: PageToContent) => void>();
  port1.onmessage = ({ data }) => {
    const message = parsePageMessage(data);
    if (message) listeners.forEach((listener) => listener(message));
  };
  window.postMessage({ type: CONNECT_MESSAGE, nonce }, window.location.origin, [port2]);

  const onMessage = (listener: (message: PageToContent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    onMessage,
    disarm: () => port1.postMessage({ type: 'disarm' }),
    arm: () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error('The download catcher did not start in the page.'));
        }, ARM_TIMEOUT_MS);
        const stop = onMessage((message) => {
          if (message.type !== 'armed') return;
          clearTimeout(timer);
          stop();
          resolve();
        });
        port1.postMessage({ type: 'arm' });
      }),
  };
}

/** The page-world catcher is injected once per page, on the first ZIP request. */
export function captureChannel(): Promise<CaptureChannel> {
  channel ??= connect().catch((error: unknown) => {
    channel = null;
    throw error;
  });
  return channel;
}
