import { findUsageExport, rowShowsFailure, type ExportRow } from '../../platform/adapter';
import { describeError, type ManifestFailureInput } from '../../archive/manifest';
import type { MonthKey } from '../../archive/month-range';
import type { CapturedFile } from '../../archive/prepare-archive';
import { runWithRetries, type RunProgress } from '../../archive/run-with-retries';
import { captureChannel, type CaptureChannel } from './capture-channel';
import type { PageToContent } from './capture-protocol';
import { ZIP_ENGINE_GLOBAL, type ZipEngine } from './zip-engine';

/** The extension API's global namespace, as far as loadZipEngine uses it. */
declare const chrome: { runtime: { getURL(path: string): string } };

/** What the panel shows; the run outlives the dialog's re-renders, the panel does not. */
export type ZipRunState =
  | { phase: 'idle' }
  | { phase: 'preparing' }
  | { phase: 'downloading'; progress: RunProgress }
  | { phase: 'building'; files: number }
  | { phase: 'incomplete'; failures: ManifestFailureInput[]; captured: number; total: number }
  | { phase: 'saved'; archiveName: string; files: number; complete: boolean }
  | { phase: 'cancelled' }
  | { phase: 'error'; message: string };

export interface ZipRunNames {
  organization: string | null;
  project: string | null;
}

interface Month {
  label: string;
  month: MonthKey | null;
}

const CONCURRENCY = 4;
const ROWS_TIMEOUT_MS = 10_000;
/** A month whose file neither arrives nor fails visibly by then is counted as failed. */
const FILE_TIMEOUT_MS = 90_000;
const FAILURE_POLL_MS = 250;
/** After Cancel, downloads already asked of the dashboard are still caught (and dropped) this long. */
const DRAIN_MS = 20_000;

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
 * manifest. A run with failures is never saved unless the user says so, and then it is
 * named and described as incomplete.
 */
export class ZipRun {
  private state: ZipRunState = { phase: 'idle' };
  private readonly listeners = new Set<(state: ZipRunState) => void>();
  private controller: AbortController | null = null;
  private months: Month[] = [];
  private readonly captured = new Map<string, CapturedFile>();
  private failures: ManifestFailureInput[] = [];
  private engine: ZipEngine | null = null;
  /** Attempts still waiting for the dashboard; the catcher stays armed until they settle. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Runs that armed the catcher and have not let go: a retry may start while a cancelled run drains. */
  private armedRuns = 0;

  constructor(
    private readonly document: Document,
    private readonly names: ZipRunNames,
  ) {}

  get current(): ZipRunState {
    return this.state;
  }

  get busy(): boolean {
    return ['preparing', 'downloading', 'building'].includes(this.state.phase);
  }

  subscribe(listener: (state: ZipRunState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => void this.listeners.delete(listener);
  }

  private set(state: ZipRunState): void {
    this.state = state;
    this.listeners.forEach((listener) => listener(state));
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** Downloads every month the dialog lists, or only those that failed last time. */
  async start(onlyFailed = false): Promise<void> {
    if (this.busy) return;
    const controller = new AbortController();
    this.controller = controller;
    let channel: CaptureChannel | null = null;
    let armed = false;
    try {
      this.set({ phase: 'preparing' });
      const engine = (this.engine ??= await loadZipEngine());
      if (!onlyFailed) {
        this.months = (await this.listRows(controller.signal)).map((row) => ({ label: row.label, month: engine.monthFromLabel(row.label) }));
        this.captured.clear();
      }
      const pending = this.months.filter((month) => !this.captured.has(month.label));
      channel = await captureChannel();
      await channel.arm();
      this.armedRuns += 1;
      armed = true;
      const outcome = await runWithRetries(pending, (month, context) => this.download(channel as CaptureChannel, month, context.signal), {
        concurrency: CONCURRENCY,
        retries: 2,
        backoffMs: 1000,
        signal: controller.signal,
        onProgress: (progress) =>
          this.set({ phase: 'downloading', progress: { ...progress, done: progress.done + this.months.length - pending.length, total: this.months.length } }),
      });
      if (outcome.cancelled) {
        this.set({ phase: 'cancelled' });
        return;
      }
      this.failures = outcome.results.flatMap((result, index) => {
        const month = pending[index] as Month;
        if (result.ok) {
          this.captured.set(month.label, result.value);
          return [];
        }
        return [{ month: month.month, label: month.label, error: describeError(result.error), attempts: result.attempts }];
      });
      if (this.failures.length > 0) {
        this.set({ phase: 'incomplete', failures: this.failures, captured: this.captured.size, total: this.months.length });
        return;
      }
      await this.writeArchive();
    } catch (error) {
      this.set(controller.signal.aborted ? { phase: 'cancelled' } : { phase: 'error', message: describeError(error) });
    } finally {
      this.controller = null;
      // Disarming while the dashboard still delivers would drop those files in Downloads.
      if (channel && armed) {
        await Promise.allSettled([...this.inFlight]);
        this.armedRuns -= 1;
        if (this.armedRuns === 0) channel.disarm();
      }
    }
  }

  /** "Save incomplete ZIP": once, whatever the clicks, and never while a run is under way. */
  async save(): Promise<void> {
    if (this.busy) return;
    await this.writeArchive();
  }

  /** Saves what arrived, named and described as incomplete when months are missing. */
  private async writeArchive(): Promise<void> {
    const files = [...this.captured.values()];
    this.set({ phase: 'building', files: files.length });
    try {
      const monthKeys = this.months.map((month) => month.month).filter((month): month is MonthKey => month !== null).sort();
      const first = monthKeys[0];
      const last = monthKeys.at(-1);
      const engine = (this.engine ??= await loadZipEngine());
      const lastDay = last ? engine.monthsInRange(`${last}-01`, `${last}-01`)[0]?.endInclusive : undefined;
      const prepared = await engine.prepareArchive({
        organization: this.names.organization,
        project: this.names.project,
        range: { start: first ? `${first}-01` : '', endInclusive: lastDay ?? '' },
        generatedAt: new Date(),
        captured: files,
        failures: this.failures,
        expectedMonths: monthKeys,
      });
      const bytes = await engine.buildZip(prepared.entries, prepared.manifest);
      const archiveName = prepared.manifest.complete ? prepared.archiveName : prepared.archiveName.replace(/\.zip$/, '_INCOMPLETE.zip');
      this.saveFile(archiveName, bytes);
      this.set({ phase: 'saved', archiveName, files: files.length, complete: prepared.manifest.complete });
    } catch (error) {
      this.set({ phase: 'error', message: `The ZIP could not be built: ${describeError(error)}` });
    }
  }

  private saveFile(name: string, bytes: Uint8Array): void {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    const anchor = this.document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    anchor.click();
    // The download has its own reference by the time a minute is over.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private async listRows(signal: AbortSignal): Promise<ExportRow[]> {
    const found = findUsageExport(this.document);
    if (found?.offerButton && found.rows.length < 2) found.offerButton.click();
    return waitFor(() => {
      const rows = findUsageExport(this.document)?.rows ?? [];
      return rows.length >= 1 && !findUsageExport(this.document)?.offerButton ? rows : null;
    }, ROWS_TIMEOUT_MS, signal);
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
      }, FAILURE_POLL_MS);
      const giveUp = (after: number) => {
        clearTimeout(timeout);
        timeout = setTimeout(
          () => finish(() => reject(new Error('No file arrived: the dashboard may have changed how it delivers downloads.'))),
          after,
        );
      };
      giveUp(FILE_TIMEOUT_MS);
      // Cancelled: the file the dashboard is already preparing is still caught, then dropped.
      const onAbort = () => giveUp(DRAIN_MS);
      signal.addEventListener('abort', onAbort);
      row.trigger.click();
    });
    this.inFlight.add(attempt);
    void attempt.catch(() => undefined).finally(() => this.inFlight.delete(attempt));
    return attempt;
  }
}
