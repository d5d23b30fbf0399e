import { describe, expect, it, vi } from 'vitest';
import { definePageResource, PageResources } from './page-resources';

const microtasks = () => Promise.resolve();

function counter() {
  let made = 0;
  const released: number[] = [];
  const resource = definePageResource({
    create: () => ({ serial: ++made }),
    release: (value) => void released.push(value.serial),
  });
  return { resource, released, made: () => made };
}

function pageResources(onReleaseError = vi.fn()) {
  return { resources: new PageResources(document, onReleaseError), onReleaseError };
}

describe('PageResources', () => {
  it('makes one instance for every holder, and releases it once the last one has let go', async () => {
    const { resource, released, made } = counter();
    const { resources } = pageResources();
    const first = new AbortController();
    const second = new AbortController();
    const a = resources.use(resource, first.signal, 'a');
    const b = resources.use(resource, second.signal, 'b');
    expect(b).toBe(a);
    expect(made()).toBe(1);

    first.abort();
    await microtasks();
    expect(released).toEqual([]);
    second.abort();
    // Not before the task's re-applies have had their chance.
    expect(released).toEqual([]);
    await microtasks();
    expect(released).toEqual([1]);
  });

  it('keeps the instance when the last holder is replaced in the same task (a re-render)', async () => {
    const { resource, released, made } = counter();
    const { resources } = pageResources();
    const old = new AbortController();
    const before = resources.use(resource, old.signal, 'a');
    old.abort();
    const after = resources.use(resource, new AbortController().signal, 'a');
    await microtasks();
    expect(after).toBe(before);
    expect(made()).toBe(1);
    expect(released).toEqual([]);
  });

  it('makes a fresh instance after a release', async () => {
    const { resource, released } = counter();
    const { resources } = pageResources();
    const first = new AbortController();
    const before = resources.use(resource, first.signal, 'a');
    first.abort();
    await microtasks();
    const after = resources.use(resource, new AbortController().signal, 'a');
    expect(after).not.toBe(before);
    expect(released).toEqual([1]);
  });

  it('releases what an already aborted apply asked for', async () => {
    const { resource, released } = counter();
    const { resources } = pageResources();
    const aborted = new AbortController();
    aborted.abort();
    resources.use(resource, aborted.signal, 'a');
    await microtasks();
    expect(released).toEqual([1]);
  });

  it('keeps different resources apart', async () => {
    const one = counter();
    const two = counter();
    const { resources } = pageResources();
    const first = new AbortController();
    resources.use(one.resource, first.signal, 'a');
    resources.use(two.resource, new AbortController().signal, 'a');
    first.abort();
    await microtasks();
    expect(one.released).toEqual([1]);
    expect(two.released).toEqual([]);
  });

  it('reports a release that throws, without breaking the page', async () => {
    const failing = definePageResource({
      create: () => 'x',
      release: () => {
        throw new Error('detached');
      },
    });
    const { resources, onReleaseError } = pageResources();
    const holder = new AbortController();
    resources.use(failing, holder.signal, 'maker');
    holder.abort();
    await microtasks();
    expect(onReleaseError).toHaveBeenCalledWith('maker', expect.objectContaining({ message: 'detached' }));
  });
});
