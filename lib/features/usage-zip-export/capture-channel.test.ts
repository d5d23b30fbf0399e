import { afterEach, describe, expect, it } from 'vitest';
import { createCaptureChannel } from './capture-channel';
import type { ContentToPage } from './capture-protocol';

const ARM_TIMEOUT_MS = 50;

/**
 * The page world's end of the port, as entrypoints/zip-capture.ts behaves: handles messages
 * in order, confirms each arm, and is armed after an "arm" until a "disarm". With `lagMs`
 * its main thread is busy: it gets to the messages only that much later.
 */
function fakePage({ lagMs = 0 } = {}) {
  const { port1, port2 } = new MessageChannel();
  const received: ContentToPage['type'][] = [];
  let armed = false;
  port2.onmessage = ({ data }: MessageEvent<ContentToPage>) => {
    setTimeout(() => {
      received.push(data.type);
      armed = data.type === 'arm';
      if (data.type === 'arm') port2.postMessage({ type: 'armed' });
    }, lagMs);
  };
  return {
    channel: createCaptureChannel(port1, { armTimeoutMs: ARM_TIMEOUT_MS }),
    received,
    armed: () => armed,
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pages: ReturnType<typeof fakePage>[] = [];
const open = (options?: { lagMs?: number }) => {
  const page = fakePage(options);
  pages.push(page);
  return page;
};

afterEach(() => {
  pages.splice(0).forEach((page) => page.close());
});

describe('createCaptureChannel', () => {
  it('arms once the page confirms and disarms when let go', async () => {
    const page = open();
    await page.channel.arm();
    expect(page.armed()).toBe(true);
    page.channel.disarm();
    await wait(20);
    expect(page.received).toEqual(['arm', 'disarm']);
    expect(page.armed()).toBe(false);
  });

  it('keeps the catcher armed while anyone holds it: the last to let go disarms, extra disarms do nothing', async () => {
    const page = open();
    await page.channel.arm();
    await page.channel.arm();
    page.channel.disarm();
    await wait(20);
    expect(page.armed()).toBe(true);
    page.channel.disarm();
    page.channel.disarm();
    await wait(20);
    expect(page.received).toEqual(['arm', 'arm', 'disarm']);
    expect(page.armed()).toBe(false);
  });

  it('sends a disarm when the page answers "armed" after the arming timeout, and the page ends disarmed', async () => {
    const page = open({ lagMs: ARM_TIMEOUT_MS * 3 });
    await expect(page.channel.arm()).rejects.toThrow('The download catcher did not start in the page.');
    page.channel.disarm();
    await wait(ARM_TIMEOUT_MS * 6);
    // "arm" and the caller's "disarm", then one more for the confirmation that came too late.
    expect(page.received).toEqual(['arm', 'disarm', 'disarm']);
    expect(page.armed()).toBe(false);
  });

  it('leaves a late "armed" alone while another run holds the catcher', async () => {
    const page = open();
    await page.channel.arm();
    const late = open({ lagMs: ARM_TIMEOUT_MS * 3 });
    await expect(late.channel.arm()).rejects.toThrow();
    await page.channel.arm();
    await wait(20);
    // A second confirmation while held: nothing to undo.
    expect(page.received).toEqual(['arm', 'arm']);
    expect(page.armed()).toBe(true);
    late.channel.disarm();
  });
});
