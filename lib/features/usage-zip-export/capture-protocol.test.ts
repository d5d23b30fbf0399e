import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parsePageMessage } from './capture-protocol';

describe('parsePageMessage', () => {
  it('accepts a captured file', () => {
    const bytes = new ArrayBuffer(3);
    expect(parsePageMessage({ type: 'captured', fileName: 'cost.csv', bytes, source: 'blob' })).toEqual({
      type: 'captured',
      fileName: 'cost.csv',
      bytes,
      source: 'blob',
    });
  });

  it("accepts a captured file whose bytes come from another realm (Firefox's view of the page's world), as a copy in ours", () => {
    const foreign = runInNewContext('new Uint8Array([1, 2, 3]).buffer') as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    const message = parsePageMessage({ type: 'captured', fileName: 'cost.csv', bytes: foreign, source: 'link' });
    expect(message?.type === 'captured' && message.bytes instanceof ArrayBuffer).toBe(true);
    expect(message?.type === 'captured' && [...new Uint8Array(message.bytes)]).toEqual([1, 2, 3]);
  });

  it('accepts a failure, trimming a long reason', () => {
    const message = parsePageMessage({ type: 'capture-failed', fileName: 'a.csv', reason: 'x'.repeat(2000) });
    expect(message?.type === 'capture-failed' && message.reason.length).toBe(500);
  });

  it('accepts an uncatchable delivery, naming how it came, and every source of a captured file', () => {
    expect(parsePageMessage({ type: 'uncatchable', fileName: 'a.csv', how: 'window.open of https://files.example/a.csv' })).toEqual({
      type: 'uncatchable',
      fileName: 'a.csv',
      how: 'window.open of https://files.example/a.csv',
    });
    for (const source of ['blob', 'link', 'data-url', 'navigation', 'window-open']) {
      expect(parsePageMessage({ type: 'captured', fileName: 'a.csv', bytes: new ArrayBuffer(1), source })).toMatchObject({ source });
    }
  });

  it.each([
    null,
    { type: 'uncatchable', fileName: 'a.csv' },
    'captured',
    { type: 'captured', fileName: 'a.csv', bytes: 'not bytes', source: 'blob' },
    { type: 'captured', fileName: 'a.csv', bytes: new ArrayBuffer(1), source: 'file-system' },
    { type: 'captured', fileName: 42, bytes: new ArrayBuffer(1), source: 'blob' },
    { type: 'fetch', url: 'https://evil.example' },
    { type: 'setKey', key: 'sk-admin-x', fileName: 'a' },
  ])('drops anything else: %j', (data) => {
    expect(parsePageMessage(data)).toBeNull();
  });
});
