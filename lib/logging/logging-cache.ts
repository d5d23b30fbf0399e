import { loggingObservations } from '../background/records';
import { loggingReminderSilence } from '../settings/settings';
import type { OrganizationLogging, Silence } from './logging-state';

export interface LoggingSnapshot {
  observations: Record<string, OrganizationLogging>;
  silence: Record<string, Silence>;
}

/**
 * The page's copy of the logging observations and silences, read once and kept current,
 * so a feature re-applied on every re-render reads memory instead of extension storage.
 */
let snapshot: LoggingSnapshot | null = null;
let loading: Promise<LoggingSnapshot> | null = null;
let unwatch: (() => void) | null = null;
/** Bumped when the watch stops, so a read that was under way then cannot refill a stale copy. */
let generation = 0;
const listeners = new Set<(snapshot: LoggingSnapshot) => void>();

function load(): Promise<LoggingSnapshot> {
  const started = generation;
  loading ??= Promise.all([loggingObservations.getValue(), loggingReminderSilence.getValue()]).then(([observations, silence]) => {
    const loaded = { observations, silence };
    if (started === generation) snapshot = loaded;
    return loaded;
  });
  return loading;
}

function publish(patch: Partial<LoggingSnapshot>): void {
  if (!snapshot) return;
  snapshot = { ...snapshot, ...patch };
  const current = snapshot;
  listeners.forEach((listener) => listener(current));
}

/** Calls `listener` with the current state (at once when cached) and on every change, until `signal` aborts. */
export function watchLogging(listener: (snapshot: LoggingSnapshot) => void, signal: AbortSignal): void {
  listeners.add(listener);
  if (!unwatch) {
    const stops = [
      loggingObservations.watch((observations) => publish({ observations })),
      loggingReminderSilence.watch((silence) => publish({ silence })),
    ];
    unwatch = () => stops.forEach((stop) => stop());
  }
  if (snapshot) listener(snapshot);
  else void load().then((loaded) => listeners.has(listener) && listener(loaded));
  signal.addEventListener(
    'abort',
    () => {
      listeners.delete(listener);
      // A re-render re-subscribes in the same task: only a lasting absence stops the watch.
      queueMicrotask(() => {
        if (listeners.size > 0 || !unwatch) return;
        unwatch();
        unwatch = null;
        snapshot = null;
        loading = null;
        generation += 1;
      });
    },
    { once: true },
  );
}
