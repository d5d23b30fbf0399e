import { definePageResource } from '../page-resources';
import { KNOWN_PROJECTS, LOGGING_OBSERVATIONS, type KnownProject } from '../../background/records';
import { readOnlyItem } from '../../settings/read-only-item';
import { LOGGING_REMINDER_SILENCE } from '../../settings/settings';
import type { OrganizationLogging, Silence } from '../../logging/logging-state';

export interface LoggingSnapshot {
  observations: Record<string, OrganizationLogging>;
  silence: Record<string, Silence>;
  /** Known projects by key: the worker fills in the id of one the page shows without (lib/usage/project-by-name.ts). */
  known: Record<string, KnownProject>;
}

/**
 * The page's copy of the logging observations and silences, read once and kept current,
 * so a feature re-applied on every re-render reads memory instead of extension storage.
 */
export class LoggingCache {
  private snapshot: LoggingSnapshot | null = null;
  /** Changes seen while the first read was under way: newer than what it may return. */
  private early: Partial<LoggingSnapshot> = {};
  private readonly loading: Promise<LoggingSnapshot>;
  private readonly listeners = new Set<(snapshot: LoggingSnapshot) => void>();
  private readonly stops: (() => void)[];
  private closed = false;

  constructor() {
    // Read-only views: the worker writes (and migrates) both records.
    const loggingObservations = readOnlyItem(LOGGING_OBSERVATIONS);
    const loggingReminderSilence = readOnlyItem(LOGGING_REMINDER_SILENCE);
    const knownProjects = readOnlyItem(KNOWN_PROJECTS);
    this.stops = [
      loggingObservations.watch((observations) => this.publish({ observations })),
      loggingReminderSilence.watch((silence) => this.publish({ silence })),
      knownProjects.watch((known) => this.publish({ known })),
    ];
    this.loading = Promise.all([loggingObservations.getValue(), loggingReminderSilence.getValue(), knownProjects.getValue()]).then(
      ([observations, silence, known]) => {
        this.snapshot = { observations, silence, known, ...this.early };
        return this.snapshot;
      },
    );
  }

  /** Calls `listener` with the current state (at once when cached) and on every change, until `signal` aborts. */
  watch(listener: (snapshot: LoggingSnapshot) => void, signal: AbortSignal): void {
    if (this.closed || signal.aborted) return;
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
    if (this.snapshot) listener(this.snapshot);
    else void this.loading.then((loaded) => this.listeners.has(listener) && listener(loaded));
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.stops.forEach((stop) => stop());
  }

  private publish(patch: Partial<LoggingSnapshot>): void {
    if (!this.snapshot) {
      this.early = { ...this.early, ...patch };
      return;
    }
    this.snapshot = { ...this.snapshot, ...patch };
    const current = this.snapshot;
    this.listeners.forEach((listener) => listener(current));
  }
}

/** One cache per page, shared by every apply of the logging reminder (see PageResources). */
export const loggingCache = definePageResource({
  create: () => new LoggingCache(),
  release: (cache) => cache.close(),
});
