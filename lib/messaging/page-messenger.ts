import type { GetDataType, GetReturnType, MaybePromise } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { PlatformTabProtocol, UsageGlanceProtocol } from './messages';
import { clockNow } from '../core/clock';

/**
 * The page contexts' end of the extension's messages (the platform content script and the
 * feature scripts it loads): the same protocols as messages.ts, spoken in the wire format of
 * @webext-core/messaging 3, which the worker and extension pages keep using. A message is
 * `{ id, type, data, timestamp }`; the answer is `{ res }`, or `{ err }` with the error as
 * `{ name, message, stack }`. These few lines keep the library (1.2 kB gzipped) off every
 * dashboard page; page-messenger.test.ts runs each end against the library's other end, so
 * a library update that changes the format fails there.
 */

interface Reply {
  res?: unknown;
  err?: { name?: unknown; message?: unknown } | null;
}

interface WireMessage {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

let nextId = Math.floor(Math.random() * 10_000);

/** Sends a message to the worker; rejects with the worker's error (a refusal, a failed write) or when no one answers. */
export async function sendToWorker<K extends keyof UsageGlanceProtocol>(
  type: K,
  data: GetDataType<UsageGlanceProtocol[K]>,
): Promise<GetReturnType<UsageGlanceProtocol[K]>> {
  const message: WireMessage = { id: nextId++, type, data, timestamp: clockNow() };
  const reply = (await browser.runtime.sendMessage(message)) as Reply | undefined;
  if (reply === undefined || reply === null) throw new Error('No response');
  if (reply.err !== undefined && reply.err !== null) {
    const error = new Error(typeof reply.err.message === 'string' ? reply.err.message : 'Unknown error');
    if (typeof reply.err.name === 'string') error.name = reply.err.name;
    throw error;
  }
  return reply.res as GetReturnType<UsageGlanceProtocol[K]>;
}

function isWireMessage(message: unknown): message is WireMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as WireMessage).type === 'string' &&
    typeof (message as WireMessage).timestamp === 'number'
  );
}

/** Answers messages of `type` sent to this tab (by the popup); returns the way to stop. */
export function answerInPage<K extends keyof PlatformTabProtocol>(
  type: K,
  answer: (data: GetDataType<PlatformTabProtocol[K]>) => MaybePromise<GetReturnType<PlatformTabProtocol[K]>>,
): () => void {
  // Other messages get no answer from here: undefined leaves them to other listeners.
  const listener = (message: unknown): Promise<Reply> | undefined => {
    if (!isWireMessage(message) || message.type !== type) return undefined;
    return Promise.resolve()
      .then(() => answer(message.data as GetDataType<PlatformTabProtocol[K]>))
      .then(
        (res) => ({ res }),
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          return { err: { name: failure.name, message: failure.message, stack: failure.stack ?? '' } };
        },
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
