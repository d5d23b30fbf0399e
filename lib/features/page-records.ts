import type { PageRecords } from '../messaging/messages';
import { answerInPage, sendToWorker } from '../messaging/page-messenger';

/**
 * The page's copy of the worker's records (known projects, logging observations and
 * silences). Pages may not open storage.local (lib/storage/storage-access.ts): the first
 * reader asks the worker, which then sends this tab every change (page-records.ts there).
 * Every script of the page (the content script and each feature script it loads) keeps its
 * own copy of this module, and each copy asks once.
 */

type Listener = (records: PageRecords) => void;

let latest: PageRecords | null = null;
let asked: Promise<PageRecords> | null = null;
const listeners = new Set<Listener>();

function take(records: PageRecords): void {
  // A reply can arrive after a change the worker sent later: keep the newest reading.
  if (latest && latest.readAt > records.readAt) return;
  latest = records;
  listeners.forEach((listener) => listener(records));
}

let answering = false;

function ask(): Promise<PageRecords> {
  if (!answering) {
    answering = true;
    answerInPage('pageRecordsChanged', take);
  }
  if (!asked) {
    asked = sendToWorker('getPageRecords', undefined).then((records) => {
      take(records);
      return latest!;
    });
    // A failed ask (the worker restarting) is tried again by the next reader.
    asked.catch(() => (asked = null));
  }
  return asked;
}

/** The records as last sent; rejects when the worker cannot be reached. */
export function readPageRecords(): Promise<PageRecords> {
  return latest ? Promise.resolve(latest) : ask();
}

/** Calls `listener` with the records (at once when known) and after every change, until `signal` aborts. */
export function watchPageRecords(listener: Listener, signal: AbortSignal): void {
  if (signal.aborted) return;
  listeners.add(listener);
  signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
  if (latest) listener(latest);
  // A worker that cannot answer now (it is being reloaded) is asked again by the next reader.
  else ask().catch(() => undefined);
}
