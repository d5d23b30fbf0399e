import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineFeature, type Feature, type FeatureSettings, type FeatureSource, type LazyFeature } from './feature';
import type { HealthRecord } from './health';
import { definePageResource } from './page-resources';
import { FeatureRunner } from './runner';

const settings: FeatureSettings = { disabledFeatures: [], projectColors: {} };

/** A feature that marks the element with id "anchor" and records what it did. */
function markFeature(id: string, overrides: Partial<Feature<{ element: Element }>> = {}) {
  const applied: Element[] = [];
  const feature = defineFeature<{ element: Element }>({
    id,
    appliesTo: () => true,
    detect: (doc) => {
      const element = doc.getElementById('anchor');
      return element ? { element } : null;
    },
    apply({ element }, { signal }) {
      applied.push(element);
      element.setAttribute(`data-${id}`, '');
      signal.addEventListener('abort', () => element.removeAttribute(`data-${id}`));
    },
    ...overrides,
  });
  return { feature, applied };
}

function setup(features: FeatureSource[], options: { settings?: FeatureSettings } = {}) {
  const reports: Record<string, HealthRecord[]> = {};
  const errors: [string, unknown][] = [];
  const controller = new AbortController();
  const runner = new FeatureRunner({
    features,
    document,
    signal: controller.signal,
    settings: options.settings ?? settings,
    recognitionGraceMs: 1000,
    report: (id, record) => (reports[id] ??= []).push(record),
    logError: (id, error) => errors.push([id, error]),
  });
  return { runner, reports, errors, controller };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const states = (records: HealthRecord[] | undefined) => (records ?? []).map((record) => record.state);

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.useRealTimers();
});

describe('FeatureRunner', () => {
  it('applies a feature whose anchor mounts after start, and reports it active', async () => {
    const { feature, applied } = markFeature('mark');
    const { runner, reports } = setup([feature]);
    runner.start();
    expect(applied).toHaveLength(0);

    document.body.innerHTML = '<div id="anchor"></div>';
    await flush();
    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(true);
    expect(states(reports.mark)).toEqual(['active']);
  });

  it('re-applies to a replacement node and does not apply twice to the same one', async () => {
    document.body.innerHTML = '<div id="anchor"></div>';
    const { feature, applied } = markFeature('mark');
    setup([feature]).runner.start();
    const first = document.getElementById('anchor')!;

    document.body.append(document.createElement('span'));
    await flush();
    expect(applied).toEqual([first]);

    document.body.innerHTML = '<div id="anchor"></div>';
    await flush();
    const second = document.getElementById('anchor')!;
    expect(applied).toEqual([first, second]);
    expect(first.hasAttribute('data-mark')).toBe(false);
    expect(second.hasAttribute('data-mark')).toBe(true);
  });

  it('reports "not recognized" only after the grace period', async () => {
    vi.useFakeTimers();
    const { feature } = markFeature('mark');
    const { runner, reports } = setup([feature]);
    runner.start();
    expect(reports.mark).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(states(reports.mark)).toEqual(['not-recognized']);
  });

  it('reports "not applicable" on routes the feature does not serve and undoes itself there', () => {
    document.body.innerHTML = '<div id="anchor"></div>';
    let applies = true;
    const { feature } = markFeature('mark', { appliesTo: () => applies });
    const { runner, reports } = setup([feature]);
    runner.start();
    applies = false;
    runner.navigated();
    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(false);
    expect(states(reports.mark)).toEqual(['active', 'not-applicable']);
  });

  it('keeps a throwing feature from breaking the others, and logs its error once', async () => {
    document.body.innerHTML = '<div id="anchor"></div>';
    const broken = markFeature('broken', {
      apply: () => {
        throw new Error('boom');
      },
    }).feature;
    const { feature } = markFeature('mark');
    const { runner, reports, errors } = setup([broken, feature]);
    runner.start();
    document.body.append(document.createElement('span'));
    await flush();
    runner.navigated();

    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('broken');
    expect(reports.broken?.at(-1)).toMatchObject({ state: 'error', error: 'boom' });
  });

  it('contains errors thrown while detecting', () => {
    const { feature } = markFeature('broken', {
      detect: () => {
        throw new TypeError('selector exploded');
      },
    });
    const { runner, reports, errors } = setup([feature]);
    expect(() => runner.start()).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(reports.broken?.[0]?.state).toBe('error');
  });

  it('leaves disabled features alone and undoes a feature switched off later', () => {
    document.body.innerHTML = '<div id="anchor"></div>';
    const { feature, applied } = markFeature('mark');
    const { runner } = setup([feature], { settings: { ...settings, disabledFeatures: ['mark'] } });
    runner.start();
    expect(applied).toHaveLength(0);

    runner.updateSettings(settings);
    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(true);
    runner.updateSettings({ ...settings, disabledFeatures: ['mark'] });
    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(false);
  });

  it('undoes everything and stops watching once the content script is invalidated', async () => {
    document.body.innerHTML = '<div id="anchor"></div>';
    const { feature, applied } = markFeature('mark');
    const { runner, controller } = setup([feature]);
    runner.start();
    controller.abort();
    expect(document.getElementById('anchor')?.hasAttribute('data-mark')).toBe(false);

    document.body.innerHTML = '<div id="anchor"></div>';
    await flush();
    expect(applied).toHaveLength(1);
  });

  describe('page resources', () => {
    /** A stylesheet-like node the page holds once, however often the features re-apply. */
    function sharedNode() {
      const made: Element[] = [];
      const resource = definePageResource({
        create(doc) {
          const node = doc.createElement('aside');
          doc.documentElement.append(node);
          made.push(node);
          return node;
        },
        release: (node) => node.remove(),
      });
      const user = (id: string) => markFeature(id, {
        apply({ element }, { use, signal }) {
          use(resource);
          element.setAttribute(`data-${id}`, '');
          signal.addEventListener('abort', () => element.removeAttribute(`data-${id}`));
        },
      }).feature;
      return { made, user };
    }

    it('keeps one instance across re-renders and releases it when the feature stops applying', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      let applies = true;
      const { made, user } = sharedNode();
      const feature = { ...user('styled'), appliesTo: () => applies };
      const { runner } = setup([feature]);
      runner.start();
      document.body.innerHTML = '<div id="anchor"></div>';
      await flush();
      document.body.innerHTML = '<div id="anchor"></div>';
      await flush();
      expect(made).toHaveLength(1);
      expect(made[0]?.isConnected).toBe(true);

      applies = false;
      runner.navigated();
      await flush();
      expect(made[0]?.isConnected).toBe(false);
    });

    it('is held until the last feature using it lets go', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      const { made, user } = sharedNode();
      const { runner } = setup([user('one'), user('two')]);
      runner.start();
      expect(made).toHaveLength(1);

      runner.updateSettings({ ...settings, disabledFeatures: ['one'] });
      await flush();
      expect(made[0]?.isConnected).toBe(true);
      runner.updateSettings({ ...settings, disabledFeatures: ['one', 'two'] });
      await flush();
      expect(made[0]?.isConnected).toBe(false);
    });

    it('is released when the content script is invalidated', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      const { made, user } = sharedNode();
      const { runner, controller } = setup([user('styled')]);
      runner.start();
      controller.abort();
      await flush();
      expect(made[0]?.isConnected).toBe(false);
    });
  });

  describe('features whose code is loaded where they apply', () => {
    function lazy(feature: Feature<{ element: Element }>, applies: () => boolean) {
      let loads = 0;
      let finish: (loaded: Feature) => void = () => undefined;
      let fail: (error: Error) => void = () => undefined;
      const source: LazyFeature = {
        id: feature.id,
        appliesTo: applies,
        load: () => {
          loads += 1;
          return new Promise<Feature>((resolve, reject) => {
            finish = resolve;
            fail = reject;
          });
        },
      };
      return { source, loads: () => loads, finish: () => finish(feature as Feature), fail: (error: Error) => fail(error) };
    }

    it('loads the code the first time the feature applies, once, and then runs it', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      let applies = false;
      const { feature, applied } = markFeature('late');
      const code = lazy(feature, () => applies);
      const { runner, reports } = setup([code.source]);
      runner.start();
      expect(code.loads()).toBe(0);
      expect(states(reports.late)).toEqual(['not-applicable']);

      applies = true;
      runner.navigated();
      document.body.append(document.createElement('span'));
      await flush();
      expect(code.loads()).toBe(1);
      expect(applied).toHaveLength(0);

      code.finish();
      await flush();
      expect(applied).toHaveLength(1);
      expect(document.getElementById('anchor')?.hasAttribute('data-late')).toBe(true);
      expect(states(reports.late)).toEqual(['not-applicable', 'active']);

      applies = false;
      runner.navigated();
      applies = true;
      runner.navigated();
      expect(code.loads()).toBe(1);
      expect(applied).toHaveLength(2);
    });

    it('counts a slow load toward the recognition grace', () => {
      vi.useFakeTimers();
      const { feature } = markFeature('slow');
      const code = lazy(feature, () => true);
      const { runner, reports } = setup([code.source]);
      runner.start();
      vi.advanceTimersByTime(1000);
      expect(states(reports.slow)).toEqual(['not-recognized']);
    });

    it('does not run code that arrives after the page stopped applying', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      let applies = true;
      const { feature, applied } = markFeature('late');
      const code = lazy(feature, () => applies);
      const { runner } = setup([code.source]);
      runner.start();
      applies = false;
      runner.navigated();
      code.finish();
      await flush();
      expect(applied).toHaveLength(0);
    });

    it('reports code that does not load as an error where the feature applies, and logs it once', async () => {
      document.body.innerHTML = '<div id="anchor"></div>';
      let applies = true;
      const { feature, applied } = markFeature('broken');
      const code = lazy(feature, () => applies);
      const { runner, reports, errors } = setup([code.source]);
      runner.start();
      code.fail(new Error('its code did not load: 404'));
      await flush();
      expect(reports.broken?.at(-1)).toMatchObject({ state: 'error', error: 'its code did not load: 404' });

      applies = false;
      runner.navigated();
      applies = true;
      runner.navigated();
      expect(states(reports.broken)).toEqual(['error', 'not-applicable', 'error']);
      expect(code.loads()).toBe(1);
      expect(errors).toHaveLength(1);
      expect(applied).toHaveLength(0);
    });
  });
});
