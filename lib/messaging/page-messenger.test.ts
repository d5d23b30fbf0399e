import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { platformTabMessenger, usageGlanceMessenger } from './messages';
import { answerInPage, sendToWorker } from './page-messenger';
import { RefusedMessageError } from './sender';

// Each end of page-messenger.ts against the library's other end (@webext-core/messaging),
// which the worker and the popup use: fakeBrowser delivers runtime messages to the
// listeners of the same context.

beforeEach(() => {
  fakeBrowser.reset();
  usageGlanceMessenger.removeAllListeners();
  platformTabMessenger.removeAllListeners();
});

const SIGHTING = { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Acme' };

describe('sendToWorker', () => {
  it("is received by the library's onMessage with its type and data, and resolves with the handler's answer", async () => {
    const received: unknown[] = [];
    usageGlanceMessenger.onMessage('rememberProject', ({ data }) => {
      received.push(data);
    });
    usageGlanceMessenger.onMessage('getUsageSummary', ({ data }) => ({ summary: { scope: data } as never, fetchedAt: 7 }));
    await expect(sendToWorker('rememberProject', SIGHTING)).resolves.toBeUndefined();
    expect(received).toEqual([SIGHTING]);
    await expect(sendToWorker('getUsageSummary', 'organization')).resolves.toEqual({ summary: { scope: 'organization' }, fetchedAt: 7 });
  });

  it("rejects with the handler's error, name and message (a refused sender, a failed write)", async () => {
    usageGlanceMessenger.onMessage('silenceReminder', () => {
      throw new RefusedMessageError('Refused "silenceReminder" from an unknown sender');
    });
    const failure = await sendToWorker('silenceReminder', { project: 'proj_a', how: 'dismiss' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: 'RefusedMessageError', message: 'Refused "silenceReminder" from an unknown sender' });
  });

  it('rejects when no one answers', async () => {
    // A listener that leaves the message alone, as the worker's does for types it does not know.
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    await expect(sendToWorker('rememberProject', SIGHTING)).rejects.toThrow('No response');
  });
});

describe('answerInPage', () => {
  it("answers the library's sendMessage of its type", async () => {
    const project = { projectId: 'proj_a', projectName: 'Alpha', organizationId: 'org-1', organizationName: 'Acme' };
    answerInPage('getActiveProject', () => project);
    await expect(platformTabMessenger.sendMessage('getActiveProject', undefined)).resolves.toEqual(project);
  });

  it("reaches the library's sendMessage as an error when the answer fails", async () => {
    answerInPage('getActiveProject', () => Promise.reject(new TypeError('no switcher')));
    const failure = await platformTabMessenger.sendMessage('getActiveProject', undefined).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TypeError', message: 'no switcher' });
  });

  it('leaves other messages, and anything without the envelope, to other listeners', async () => {
    const answer = vi.fn(() => null);
    answerInPage('getActiveProject', answer);
    const replies = await fakeBrowser.runtime.onMessage.trigger({ id: 1, type: 'rememberProject', data: SIGHTING, timestamp: 1 }, {});
    const bare = await fakeBrowser.runtime.onMessage.trigger({ type: 'getActiveProject' }, {});
    expect([...replies, ...bare]).toEqual([undefined, undefined]);
    expect(answer).not.toHaveBeenCalled();
  });

  it('stops answering once stopped', async () => {
    const answer = vi.fn(() => null);
    const stop = answerInPage('getActiveProject', answer);
    stop();
    await expect(platformTabMessenger.sendMessage('getActiveProject', undefined)).rejects.toThrow();
    expect(answer).not.toHaveBeenCalled();
  });
});
