import { describeError } from '../core/describe-error';

/**
 * The one state vocabulary of both exports (the usage-page ZIP and the accounting export), so
 * both behave alike: progress while gathering, then either saved at once or stopped at the
 * failures until the user retries them or saves an archive marked incomplete. A partial
 * archive is never saved without that choice.
 */
export type ArchiveRunState<Progress, Failure> =
  | { phase: 'idle' }
  /** Getting ready: loading the ZIP writer, listing the months, planning the requests. */
  | { phase: 'preparing' }
  /** Downloading the files or fetching from the API; `retrying` when only what failed is fetched again. */
  | { phase: 'fetching'; progress: Progress | null; retrying: boolean }
  | { phase: 'building'; files: number }
  /** Parts failed for good: nothing is saved until the user chooses. */
  | { phase: 'incomplete'; failures: Failure[]; gathered: number; total: number }
  | { phase: 'saved'; archiveName: string; complete: boolean; files: number; bytes: number; url: string }
  | { phase: 'cancelled' }
  | { phase: 'error'; message: string };

export interface Gathered<Failure> {
  /** What failed for good (after its retries); empty when everything arrived. */
  failures: Failure[];
  /** Parts in hand, of `total`. */
  gathered: number;
  total: number;
}

export interface GatherRequest<Progress> {
  /** True for "Retry failed …": gather only what failed last time. */
  onlyFailed: boolean;
  /** Aborts on Cancel. */
  signal: AbortSignal;
  /** Moves the run to 'fetching' (null: under way, no figures yet). */
  progress(progress: Progress | null): void;
}

export interface BuiltArchive {
  /** Marked incomplete by the job when parts are missing (see archiveFileName). */
  archiveName: string;
  bytes: Uint8Array;
  complete: boolean;
  /** Files as the export counts them for the user. */
  files: number;
}

/** What differs between the exports: how parts are gathered and how the archive is made. */
export interface ArchiveJob<Progress, Failure, Stop> {
  /** Gathers every part (or only those that failed last time), or stops the run in a state of the job's own. */
  gather(request: GatherRequest<Progress>): Promise<Gathered<Failure> | { stop: Stop }>;
  /** The archive of everything gathered so far. */
  build(): Promise<BuiltArchive>;
  /** Hands the archive to the user; returns a URL to offer it again. */
  save(archiveName: string, bytes: Uint8Array): string;
}

export interface ArchiveRun<Progress, Failure, Stop = never> {
  readonly current: ArchiveRunState<Progress, Failure> | Stop;
  /** Preparing, fetching or building: a new start is ignored. */
  readonly busy: boolean;
  /** Called at once with the current state, then on every change. */
  subscribe(listener: (state: ArchiveRunState<Progress, Failure> | Stop) => void): () => void;
  /** Gathers everything; saves at once when nothing failed, else waits in 'incomplete'. */
  start(): Promise<void>;
  /** "Retry failed …": gathers again only what failed, then as start. */
  retryFailed(): Promise<void>;
  /** "Save incomplete …": saves what arrived, marked incomplete. Once, whatever the clicks. */
  saveIncomplete(): Promise<void>;
  /** Stops gathering; nothing is saved. The archive being written, if any, is still saved. */
  cancel(): void;
}

const BUSY: readonly string[] = ['preparing', 'fetching', 'building'];

export function createArchiveRun<Progress, Failure, Stop extends { phase: string } = never>(
  job: ArchiveJob<Progress, Failure, Stop>,
): ArchiveRun<Progress, Failure, Stop> {
  type State = ArchiveRunState<Progress, Failure> | Stop;
  let state: State = { phase: 'idle' };
  const listeners = new Set<(state: State) => void>();
  let controller: AbortController | null = null;

  const set = (next: State): void => {
    state = next;
    listeners.forEach((listener) => listener(next));
  };
  const busy = (): boolean => BUSY.includes(state.phase);

  const saveArchive = async (gathered: number): Promise<void> => {
    set({ phase: 'building', files: gathered });
    const built = await job.build();
    const url = job.save(built.archiveName, built.bytes);
    set({ phase: 'saved', archiveName: built.archiveName, complete: built.complete, files: built.files, bytes: built.bytes.byteLength, url });
  };

  const gather = async (onlyFailed: boolean): Promise<void> => {
    if (busy()) return;
    const own = new AbortController();
    controller = own;
    set({ phase: 'preparing' });
    try {
      const result = await job.gather({
        onlyFailed,
        signal: own.signal,
        progress: (progress) => {
          if (!own.signal.aborted) set({ phase: 'fetching', progress, retrying: onlyFailed });
        },
      });
      if (own.signal.aborted) set({ phase: 'cancelled' });
      else if ('stop' in result) set(result.stop);
      else if (result.failures.length > 0) set({ phase: 'incomplete', failures: result.failures, gathered: result.gathered, total: result.total });
      else await saveArchive(result.gathered);
    } catch (error) {
      set(own.signal.aborted ? { phase: 'cancelled' } : { phase: 'error', message: describeError(error) });
    } finally {
      if (controller === own) controller = null;
    }
  };

  return {
    get current() {
      return state;
    },
    get busy() {
      return busy();
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => void listeners.delete(listener);
    },
    start: () => gather(false),
    retryFailed: async () => {
      if (state.phase === 'incomplete') await gather(true);
    },
    saveIncomplete: async () => {
      const incomplete = state as ArchiveRunState<Progress, Failure>;
      if (incomplete.phase !== 'incomplete') return;
      try {
        await saveArchive(incomplete.gathered);
      } catch (error) {
        set({ phase: 'error', message: describeError(error) });
      }
    },
    cancel: () => {
      if (state.phase === 'preparing' || state.phase === 'fetching') controller?.abort();
    },
  };
}
