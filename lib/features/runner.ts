import { isLazyFeature, shallowEqual, type Feature, type FeatureSettings, type FeatureSource, type LazyFeature } from './feature';
import type { HealthRecord, HealthState } from './health';
import { PageResources } from './page-resources';
import { describeError } from '../core/describe-error';
import { clockNow } from '../core/clock';

export interface RunnerOptions {
  features: readonly FeatureSource[];
  document: Document;
  /** Aborted when the content script is invalidated (extension reloaded or removed). */
  signal: AbortSignal;
  settings: FeatureSettings;
  /** How long an anchor may take to mount before the feature counts as not recognized. */
  recognitionGraceMs: number;
  report(featureId: string, record: HealthRecord): void;
  /** Called once per feature and page load with the first error it throws. */
  logError(featureId: string, error: unknown): void;
}

interface Slot {
  /** The page code: given, or loaded the first time the feature applied. */
  feature?: Feature;
  loading?: boolean;
  /** Why the page code could not be loaded: reported wherever the feature applies. */
  loadFailure?: { error: unknown };
  controller?: AbortController;
  anchor?: unknown;
  /** The anchor whose apply threw: not retried until the page offers another one. */
  failedAnchor?: unknown;
  lastReported?: string;
  missingSince?: number;
  logged?: boolean;
}

/**
 * Runs every enabled feature whose route applies, re-detecting anchors whenever the page
 * mutates or navigates, so features follow client-side routing and re-rendered nodes.
 * Errors stay inside the feature that threw them. A lazy feature's code is loaded the
 * first time it applies; until it arrives the feature counts as waiting for its anchor.
 */
export class FeatureRunner {
  private readonly slots = new Map<string, Slot>();
  private settings: FeatureSettings;
  private scheduled = false;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: MutationObserver | undefined;
  private readonly resources: PageResources;

  constructor(private readonly options: RunnerOptions) {
    this.settings = options.settings;
    this.resources = new PageResources(options.document, (featureId, error) => this.logOnce(featureId, error));
    for (const source of options.features) this.slots.set(source.id, isLazyFeature(source) ? {} : { feature: source });
    options.signal.addEventListener('abort', () => this.stopAll(), { once: true });
  }

  start(): void {
    if (this.options.signal.aborted) return;
    const view = this.options.document.defaultView;
    if (!view) return;
    this.observer = new view.MutationObserver(() => this.schedule());
    this.observer.observe(this.options.document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.evaluate();
  }

  /** New settings: every running feature starts over so it sees them. */
  updateSettings(settings: FeatureSettings): void {
    this.settings = settings;
    for (const slot of this.slots.values()) this.stop(slot);
    this.evaluate();
  }

  /** Client-side navigation: the route predicates and grace periods start over. */
  navigated(): void {
    for (const slot of this.slots.values()) slot.missingSince = undefined;
    this.evaluate();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A microtask runs before the next paint, so re-rendered nodes never show undecorated.
    queueMicrotask(() => {
      this.scheduled = false;
      this.evaluate();
    });
  }

  evaluate(): void {
    if (this.options.signal.aborted) return;
    const url = new URL(this.options.document.location.href);
    for (const source of this.options.features) this.evaluateFeature(source, url);
  }

  private evaluateFeature(source: FeatureSource, url: URL): void {
    const slot = this.slots.get(source.id) as Slot;
    if (this.settings.disabledFeatures.includes(source.id)) {
      this.stop(slot);
      return;
    }
    if (!source.appliesTo(url)) {
      this.stop(slot);
      this.setHealth(source.id, slot, 'not-applicable', url);
      return;
    }
    const feature = slot.feature;
    if (!feature) {
      this.load(source as LazyFeature, slot, url);
      return;
    }

    let anchor: unknown;
    try {
      anchor = feature.detect(this.options.document);
    } catch (error) {
      // The page changed under the feature: what it decorated may no longer be right.
      this.stop(slot);
      this.fail(feature.id, slot, error, url);
      return;
    }

    if (anchor === null) {
      this.stop(slot);
      this.awaitAnchor(feature.id, slot, url);
      return;
    }
    slot.missingSince = undefined;

    const same = feature.isSameAnchor ?? shallowEqual;
    if (slot.failedAnchor !== undefined && same(slot.failedAnchor, anchor)) return;
    if (slot.controller && slot.anchor !== undefined && same(slot.anchor, anchor)) return;

    this.stop(slot);
    const controller = new AbortController();
    slot.controller = controller;
    slot.anchor = anchor;
    slot.failedAnchor = undefined;
    try {
      feature.apply(anchor, {
        signal: controller.signal,
        document: this.options.document,
        settings: this.settings,
        use: (resource) => this.resources.use(resource, controller.signal, feature.id),
      });
      this.setHealth(feature.id, slot, 'active', url);
    } catch (error) {
      this.stop(slot);
      slot.failedAnchor = anchor;
      this.fail(feature.id, slot, error, url);
    }
  }

  private load(source: LazyFeature, slot: Slot, url: URL): void {
    if (slot.loadFailure) {
      this.fail(source.id, slot, slot.loadFailure.error, url);
      return;
    }
    // Time spent fetching the code counts toward the grace, as if the anchor were late.
    this.awaitAnchor(source.id, slot, url);
    if (slot.loading) return;
    slot.loading = true;
    source.load().then(
      (feature) => {
        slot.loading = false;
        slot.feature = feature;
        this.evaluate();
      },
      (error: unknown) => {
        slot.loading = false;
        slot.loadFailure = { error };
        this.evaluate();
      },
    );
  }

  /** The anchor may mount late (dialogs, lazy routes): only a lasting absence counts. */
  private awaitAnchor(featureId: string, slot: Slot, url: URL): void {
    const now = clockNow();
    slot.missingSince ??= now;
    const waited = now - slot.missingSince;
    if (waited >= this.options.recognitionGraceMs) {
      this.setHealth(featureId, slot, 'not-recognized', url);
      return;
    }
    if (this.graceTimer === undefined) {
      this.graceTimer = setTimeout(() => {
        this.graceTimer = undefined;
        this.evaluate();
      }, this.options.recognitionGraceMs - waited);
    }
  }

  private fail(featureId: string, slot: Slot, error: unknown, url: URL): void {
    this.logOnce(featureId, error);
    this.setHealth(featureId, slot, 'error', url, describeError(error));
  }

  private logOnce(featureId: string, error: unknown): void {
    const slot = this.slots.get(featureId);
    if (!slot || slot.logged) return;
    slot.logged = true;
    this.options.logError(featureId, error);
  }

  private setHealth(featureId: string, slot: Slot, state: HealthState, url: URL, error?: string): void {
    const signature = `${state}|${url.pathname}|${error ?? ''}`;
    if (slot.lastReported === signature) return;
    slot.lastReported = signature;
    this.options.report(featureId, {
      state,
      path: url.pathname,
      at: clockNow(),
      ...(error === undefined ? {} : { error }),
    });
  }

  private stop(slot: Slot): void {
    slot.controller?.abort();
    slot.controller = undefined;
    slot.anchor = undefined;
  }

  private stopAll(): void {
    this.observer?.disconnect();
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    for (const slot of this.slots.values()) this.stop(slot);
  }
}
