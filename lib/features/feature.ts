import type { PageResource } from './page-resources';

/** What a feature may read while it runs: the settings snapshot and the page. */
export interface FeatureContext {
  readonly signal: AbortSignal;
  readonly document: Document;
  readonly settings: Readonly<FeatureSettings>;
  /**
   * The page's one instance of `resource`, held by this apply until `signal` aborts and
   * released once no apply holds it (see PageResources): what outlives a re-render.
   */
  use<T>(resource: PageResource<T>): T;
}

/** The settings features depend on; the content script keeps this snapshot current. */
export interface FeatureSettings {
  disabledFeatures: readonly string[];
  projectColors: Readonly<Record<string, string>>;
}

/**
 * Which feature, and (cheaply, from the URL alone) where it applies: all the content
 * script needs to know of a feature before its page code is at hand.
 */
export interface FeatureScope {
  readonly id: string;
  appliesTo(url: URL): boolean;
}

/**
 * What the extension pages know of a feature: enough to list it, switch it and show its
 * health. Each feature folder has one in meta.ts, apart from the page code, so options
 * and the popup never bundle that code (and the page never bundles these texts).
 */
export interface FeatureMeta extends FeatureScope {
  /** What options calls it. */
  readonly name: string;
  readonly description: string;
}

/** Marked pure so that bundles reading only a scope (the content script) drop the texts. */
/*#__NO_SIDE_EFFECTS__*/
export function defineFeatureMeta(scope: FeatureScope, texts: Pick<FeatureMeta, 'name' | 'description'>): FeatureMeta {
  return { ...scope, ...texts };
}

/**
 * One enhancement of the dashboard: its scope plus page code. `detect` finds the
 * feature's anchor through the dashboard adapter (null: not recognized); `apply`
 * decorates it and undoes everything when `ctx.signal` aborts. Method syntax keeps
 * features with different anchor types assignable to one registry array.
 */
export interface Feature<Anchor = unknown> extends FeatureScope {
  detect(document: Document): Anchor | null;
  /** Whether a freshly detected anchor is the one already decorated (default: shallow equality). */
  isSameAnchor?(previous: Anchor, next: Anchor): boolean;
  apply(anchor: Anchor, ctx: FeatureContext): void;
}

/**
 * A feature whose page code is loaded only once it applies: the runner calls `load` the
 * first time `appliesTo` holds, and runs what it returns from then on.
 */
export interface LazyFeature extends FeatureScope {
  load(): Promise<Feature>;
}

/** What the runner is given: page code at hand, or the way to fetch it. */
export type FeatureSource = Feature | LazyFeature;

export function isLazyFeature(source: FeatureSource): source is LazyFeature {
  return 'load' in source;
}

export function defineFeature<Anchor>(feature: Feature<Anchor>): Feature<Anchor> {
  return feature;
}

export function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}
