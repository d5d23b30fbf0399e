import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRecords } from '../messaging/messages';

const messenger = vi.hoisted(() => ({
  asks: 0,
  reply: null as null | (() => Promise<PageRecords>),
  push: null as null | ((records: PageRecords) => void),
  answering: 0,
}));
vi.mock('../messaging/page-messenger', () => ({
  sendToWorker: (type: string) => {
    if (type !== 'getPageRecords') throw new Error(`unexpected ${type}`);
    messenger.asks += 1;
    return messenger.reply!();
  },
  answerInPage: (type: string, answer: (records: PageRecords) => void) => {
    if (type !== 'pageRecordsChanged') throw new Error(`unexpected ${type}`);
    messenger.answering += 1;
    messenger.push = answer;
    return () => undefined;
  },
}));

const records = (readAt: number, status: 'enabled' | 'disabled' = 'disabled'): PageRecords => ({
  knownProjects: [],
  loggingObservations: { 'org-1': { pages: { proj_a: { status, at: readAt } } } },
  loggingSilence: {},
  loggingSources: { auditSetting: null, organizationId: null, retention: { organization: null, projects: {} } },
  readAt,
});
const statusOf = (seen: PageRecords[]) => seen.map((record) => record.loggingObservations['org-1']?.pages.proj_a?.status);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.resetModules();
  Object.assign(messenger, { asks: 0, reply: null, push: null, answering: 0 });
});

describe('page records in a page', () => {
  it('asks the worker once for every reader and apply, and follows what the worker sends later', async () => {
    const { readPageRecords, watchPageRecords } = await import('./page-records');
    messenger.reply = () => Promise.resolve(records(1));
    const seen: PageRecords[] = [];
    const apply = new AbortController();
    watchPageRecords((value) => seen.push(value), apply.signal);
    await readPageRecords();
    await readPageRecords();
    expect(messenger.asks).toBe(1);
    expect(statusOf(seen)).toEqual(['disabled']);

    messenger.push!(records(2, 'enabled'));
    expect(statusOf(seen)).toEqual(['disabled', 'enabled']);

    // A re-render: the new apply gets the current records at once, without asking again.
    apply.abort();
    const later: PageRecords[] = [];
    watchPageRecords((value) => later.push(value), new AbortController().signal);
    expect(statusOf(later)).toEqual(['enabled']);
    messenger.push!(records(3, 'disabled'));
    expect(statusOf(seen)).toEqual(['disabled', 'enabled']);
    expect(statusOf(later)).toEqual(['enabled', 'disabled']);
    expect(messenger.asks).toBe(1);
    expect(messenger.answering).toBe(1);
  });

  it('keeps a change the worker sent over an older reply that arrives after it', async () => {
    const { watchPageRecords } = await import('./page-records');
    let answer!: (value: PageRecords) => void;
    messenger.reply = () => new Promise((resolve) => (answer = resolve));
    const seen: PageRecords[] = [];
    watchPageRecords((value) => seen.push(value), new AbortController().signal);
    messenger.push!(records(5, 'enabled'));
    answer(records(4, 'disabled'));
    await settle();
    expect(statusOf(seen)).toEqual(['enabled']);
  });

  it('asks again after the worker could not answer', async () => {
    const { readPageRecords } = await import('./page-records');
    messenger.reply = () => Promise.reject(new Error('Could not establish connection'));
    await expect(readPageRecords()).rejects.toThrow('Could not establish connection');
    messenger.reply = () => Promise.resolve(records(1));
    await expect(readPageRecords()).resolves.toMatchObject({ readAt: 1 });
    expect(messenger.asks).toBe(2);
    expect(messenger.answering).toBe(1);
  });
});
