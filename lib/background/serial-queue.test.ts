import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

describe('createSerialQueue', () => {
  it('runs read-modify-write tasks one at a time, in order, so none is lost', async () => {
    const queue = createSerialQueue();
    let stored: number[] = [];
    const slowStorage = { get: async () => [...stored], set: async (value: number[]) => void (stored = value) };
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        queue.run(async () => {
          const current = await slowStorage.get();
          await new Promise((resolve) => setTimeout(resolve, 20 - n));
          await slowStorage.set([...current, n]);
        }),
      ),
    );
    expect(stored).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('a failing task rejects its own caller and the next one still runs', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
