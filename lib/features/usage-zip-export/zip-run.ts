import { findUsageExport, rowShowsFailure, type ExportRow } from '../../platform/adapter';
import { describeError } from '../../archive/describe-error';
import type { MonthKey } from '../../archive/month-range';
import { createArchiveRun, type ArchiveRun, type ArchiveRunState, type BuiltArchive, type Gathered, type GatherRequest } from '../../archive/run-store';
import { runWithRetries, type RunProgress } from '../../archive/run-with-retries';
import { saveDownload } from '../../archive/save-download';
import { captureChannel, type CaptureChannel } from './capture-channel';
import type { PageToContent } from './capture-protocol';
import type { CapturedFile } from './usage-archive';
import type { UsageManifestFailure } from './usage-manifest';
import { ZIP_ENGINE_GLOBAL, type ZipEngine } from './zip-engine';

/** The extension API's global namespace, as far as loadZipEngine uses it. */
declare const chrome: { runtime: { getURL(path: string): string } };

/** What the panel shows; the run outlives the dialog's re-renders, the panel does not. */
export type ZipRunState = ArchiveRunState<RunProgress, UsageManifestFailure>;

export interface ZipRunNames {
  organization: string | null;
  project: string | null;
}

export interface ZipRunTiming {
  /** How long the dialog may take to list the monthly rows. */
  rowsTimeoutMs: number;
  /** A month whose file neither arrives nor fails visibly by then is counted as failed. */
  fileTimeoutMs: number;
  failurePollMs: number;
  /** After Cancel, downloads already asked of the dashboard are still caught (and dropped) this long. */
  drainMs: number;
  /** Before a month's first retry; doubles, with jitter. */
  retryBackoffMs: number;
}

/** Seams for tests; the defaults are the real page. */
export interface ZipRunDeps {
  /** JSZip and date parsing (default: zip-builder.js, loaded on first use). */
  loadEngine?: () => Promise<ZipEngine>;
  /** The page-world download catcher (default: injected on first use). */
  channel?: () => Promise<CaptureChannel>;
  /** Hands the archive to the user (default: an <a download> click, the URL freed after a minute). */
  save?: (archiveName: string, bytes: Uint8Array) => string;
  now?: () => Date;
  timing?: Partial<ZipRunTiming>;
}

interface Month {
  label: string;
  month: MonthKey | null;
}

const CONCURRENCY = 4;
/** Each month is tried three times in all. */
const RETRIES = 2;
const DEFAULT_TIMING: ZipRunTiming = {
  rowsTimeoutMs: 10_000,
  fileTimeoutMs: 90_000,
  failurePollMs: 250,
  drainMs: 20_000,
  retryBackoffMs: 1000,
};

/** JSZip and date parsing arrive with their own script, imported only now (entrypoints/zip-builder.ts). */
async function loadZipEngine(): Promise<ZipEngine> {
  const scope = globalThis as Record<string, unknown>;
  // The extension's own packaged script, never a URL from the page. Spelled with the global
  // `chrome` (Chrome and Firefox both have it) because the bundler renames the imported
  // `browser`, and addons.mozilla.org's linter accepts import() only of runtime.getURL(…).
  // eslint-disable-next-line no-unsanitized/method
  if (!scope[ZIP_ENGINE_GLOBAL]) await import(/* @vite-ignore */ chrome.runtime.getURL('/zip-builder.js'));
  const engine = scope[ZIP_ENGINE_GLOBAL] as ZipEngine | undefined;
  if (!engine) throw new Error('The ZIP builder did not load.');
  return engine;
}

function waitFor<T>(probe: () => T | null, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (signal.aborted) return reject(new DOMException('Cancelled', 'AbortError'));
      const value = probe();
      if (value !== null) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error('The export dialog did not list the monthly files.'));
      setTimeout(tick, 100);
    };
    tick();
  });
}

/**
 * One "Download all as ZIP" run: drives the dialog's own per-month downloads with bounded
 * concurrency and retries, catches each file in the page, and saves one archive with a
 * manifest. The shared run store (lib/archive/run-store.ts) decides when to save: a run
 * with failures is never saved unless the user says so, and then it is named and
 * described as incomplete.
 */
export class ZipRun {
  private readonly run: ArchiveRun<RunProgress, UsageManifestFailure>;
  private readonly timing: ZipRunTiming;
  private months: Month[] = [];
  private readonly captured = new Map<string, CapturedFile>();
  private failures: UsageManifestFailure[] = [];
  private engine: ZipEngine | null = null;
  /** Attempts still waiting for the dashboard; the catcher stays armed until they settle. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly document: Document,
    private readonly names: ZipRunNames,
    private readonly deps: ZipRunDeps = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.run = createArchiveRun({
      gather: (request) => this.gather(request),
      build: () => this.build(),
      save: deps.save ?? ((name, bytes) => saveDownload(document, name, bytes, { revokeAfterMs: 60_000 })),
    });
  }

  get current(): ZipRunState {
    return this.run.current;
  }

  get busy(): boolean {
    return this.run.busy;
  }

  subscribe(listener: (state: ZipRunState) => void): () => void {
    return this.run.subscribe(listener);
  }

  cancel(): void {
    this.run.cancel();
  }

  /** Downloads every month the dialog lists, or only those that failed last time. */
  start(onlyFailed = false): Promise<void> {
    return onlyFailed ? this.run.retryFailed() : this.run.start();
  }

  /** "Save incomplete ZIP": once, whatever the clicks, and never while a run is under way. */
  save(): Promise<void> {
    return this.run.saveIncomplete();
  }

  private async loadEngine(): Promise<ZipEngine> {
    return (this.engine ??= await (this.deps.loadEngine ?? loadZipEngine)());
  }

  private async gather({ onlyFailed, signal, progress }: GatherRequest<RunProgress>): Promise<Gathered<UsageManifestFailure>> {
    const engine = await this.loadEngine();
    if (!onlyFailed) {
      this.months = (await this.listRows(signal)).map((row) => ({ label: row.label, month: engine.monthFromLabel(row.label) }));
      this.captured.clear();
    }
    const pending = this.months.filter((month) => !this.captured.has(month.label));
    const channel = await (this.deps.channel ?? captureChannel)();
    try {
      await channel.arm();
      const outcome = await runWithRetries(pending, (month, context) => this.download(channel, month, context.signal), {
        concurrency: CONCURRENCY,
        retries: RETRIES,
        backoffMs: this.timing.retryBackoffMs,
        signal,
        onProgress: (running) =>
          progress({ ...running, done: running.done + this.months.length - pending.length, total: this.months.length }),
      });
      if (!outcome.cancelled) {
        this.failures = outcome.results.flatMap((result, index) => {
          const month = pending[index] as Month;
          if (result.ok) {
            this.captured.set(month.label, result.value);
            return [];
          }
          return [{ month: month.month, label: month.label, error: describeError(result.error), attempts: result.attempts }];
        });
      }
      return { failures: this.failures, gathered: this.captured.size, total: this.months.length };
    } finally {
      // Every arm, even one the page never confirmed, is matched by a disarm.
      void this.disarmWhenSettled(channel);
    }
  }

  /**
   * Disarming while the dashboard still delivers would drop those files in Downloads; the
   * channel keeps the catcher armed while another run (a retry after a cancel) holds it.
   */
  private async disarmWhenSettled(channel: CaptureChannel): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    channel.disarm();
  }

  /** What arrived, named and described as incomplete when months are missing. */
  private async build(): Promise<BuiltArchive> {
    const files = [...this.captured.values()];
    try {
      const monthKeys = this.months.map((month) => month.month).filter((month): month is MonthKey => month !== null).sort();
      const first = monthKeys[0];
      const last = monthKeys.at(-1);
      const engine = await this.loadEngine();
      const prepared = await engine.prepareArchive({
        organization: this.names.organization,
        project: this.names.project,
        range: first && last ? engine.wholeMonths(first, last) : { start: '', endInclusive: '' },
        generatedAt: (this.deps.now ?? (() => new Date()))(),
        captured: files,
        failures: this.failures,
        expectedMonths: monthKeys,
      });
      const bytes = await engine.buildZip(prepared.entries, prepared.manifest);
      return { archiveName: prepared.archiveName, bytes, complete: prepared.manifest.complete, files: files.length };
    } catch (error) {
      throw new Error(`The ZIP could not be built: ${describeError(error)}`);
    }
  }

  private async listRows(signal: AbortSignal): Promise<ExportRow[]> {
    const found = findUsageExport(this.document);
    if (found?.offerButton && found.rows.length < 2) found.offerButton.click();
    return waitFor(() => {
      const rows = findUsageExport(this.document)?.rows ?? [];
      return rows.length >= 1 && !findUsageExport(this.document)?.offerButton ? rows : null;
    }, this.timing.rowsTimeoutMs, signal);
  }

  private findRow(label: string): ExportRow | null {
    return findUsageExport(this.document)?.rows.find((row) => row.label === label) ?? null;
  }

  /** One attempt at one month: click its row, then wait for its file, its failure, or time. */
  private download(channel: CaptureChannel, month: Month, signal: AbortSignal): Promise<CapturedFile> {
    const attempt = new Promise<CapturedFile>((resolve, reject) => {
      const row = this.findRow(month.label);
      if (!row) {
        reject(new Error(`The row "${month.label}" is no longer in the export dialog.`));
        return;
      }
      const engine = this.engine as ZipEngine;
      const belongsHere = (fileName: string) => {
        const fileMonth = engine.monthFromFileName(fileName);
        return fileMonth === null ? this.months.length === 1 : fileMonth === month.month;
      };
      let timeout: ReturnType<typeof setTimeout>;
      const finish = (settle: () => void) => {
        stopListening();
        clearInterval(poll);
        clearTimeout(timeout);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const stopListening = channel.onMessage((message: PageToContent) => {
        if (message.type === 'captured' && belongsHere(message.fileName)) {
          finish(() =>
            resolve({ month: month.month, originalFileName: message.fileName, bytes: new Uint8Array(message.bytes), source: message.source }),
          );
        } else if (message.type === 'capture-failed' && belongsHere(message.fileName)) {
          finish(() => reject(new Error(`The file could not be read: ${message.reason}`)));
        }
      });
      const poll = setInterval(() => {
        const current = this.findRow(month.label);
        if (current && rowShowsFailure(current.row)) finish(() => reject(new Error('The dashboard reported that this download failed.')));
      }, this.timing.failurePollMs);
      const giveUp = (after: number) => {
        clearTimeout(timeout);
        timeout = setTimeout(
          () => finish(() => reject(new Error('No file arrived: the dashboard may have changed how it delivers downloads.'))),
          after,
        );
      };
      giveUp(this.timing.fileTimeoutMs);
      // Cancelled: the file the dashboard is already preparing is still caught, then dropped.
      const onAbort = () => giveUp(this.timing.drainMs);
      signal.addEventListener('abort', onAbort);
      row.trigger.click();
    });
    this.inFlight.add(attempt);
    void attempt.catch(() => undefined).finally(() => this.inFlight.delete(attempt));
    return attempt;
  }
}
