import { findUsageExport, rowShowsBusy, rowShowsFailure, startRowDownload, type ExportRow } from '../../platform/adapter';
import { describeError } from '../../core/describe-error';
import type { DayRange } from '../../archive/month-range';
import { createArchiveRun, type ArchiveRun, type ArchiveRunState, type BuiltArchive, type Gathered, type GatherRequest } from '../../archive/run-store';
import { runWithRetries, type RunProgress } from '../../archive/run-with-retries';
import { saveDownload, zipUrl } from '../../archive/save-download';
import { attributeFile, type RowClaim } from './attribution';
import { captureChannel, type CaptureChannel } from './capture-channel';
import type { PageToContent } from './capture-protocol';
import type { CapturedFile } from './usage-archive';
import { rowName, type ExportScope, type UsageManifestFailure } from './usage-manifest';
import { ZIP_ENGINE_GLOBAL, type ZipEngine } from './zip-engine';
import { clockNow } from '../../core/clock';

/** The extension API's global namespace, as far as loadZipEngine uses it. */
declare const chrome: { runtime: { getURL(path: string): string } };

/** Progress, plus the rows whose click has delivered nothing so far: named at once, not after the retries. */
export interface ZipProgress extends RunProgress {
  silent: string[];
}

export type ZipFailure = Omit<UsageManifestFailure, 'month' | 'window'>;

/** What the panel shows; the run outlives the dialog's re-renders, the panel does not. */
export type ZipRunState = ArchiveRunState<ZipProgress, ZipFailure>;

export interface ZipRunNames {
  organization: string | null;
  /** What the Usage page's own project selector shows (the export's scope), and the top bar's project. */
  scope: ExportScope;
}

export interface ZipRunTiming {
  /** How long the dialog may take to list its rows after "Download N files…". */
  rowsTimeoutMs: number;
  /** A click that shows no sign of life (no file, no download started, no busy row) by then delivered nothing. */
  silentMs: number;
  /** A row whose files neither all arrive nor fail visibly by then is counted as failed. */
  fileTimeoutMs: number;
  /**
   * Rows whose file count is unknown (neither their label, the dialog's wording nor the first
   * row's behaviour told it): after the latest file, this long without another (and the row
   * not busy) means the row is done.
   */
  quietMs: number;
  /** A row that gave fewer files than the count it was expected to give: how long it may stay quiet before it counts as done. */
  shortfallQuietMs: number;
  failurePollMs: number;
  /** After Cancel, downloads already asked of the dashboard are still caught (and dropped) this long. */
  drainMs: number;
  /** Before a row's first retry; doubles, with jitter. */
  retryBackoffMs: number;
}

/** Seams for tests; the defaults are the real page. */
export interface ZipRunDeps {
  /** The ZIP writer and date parsing (default: zip-builder.js, loaded on first use). */
  loadEngine?: () => Promise<ZipEngine>;
  /** The page-world download catcher (default: injected on first use). */
  channel?: () => Promise<CaptureChannel>;
  /** Hands the archive to the user (default: an <a download> click, the URL freed after a minute). */
  save?: (archiveName: string, bytes: Uint8Array) => string;
  now?: () => Date;
  timing?: Partial<ZipRunTiming>;
}

/** A row of the modal as the run plans it: found by position, checked by label. */
interface PlannedRow {
  /** From 1, as the manifest counts. */
  position: number;
  label: string;
  window: DayRange | null;
  /** Its label names a calendar month (the dashboard's older shape): words then say "months". */
  isMonth: boolean;
  /** How many files its label says it gives ("2 files"); null when it does not say. */
  labelledFiles: number | null;
}

type RowEvent =
  | { type: 'file' }
  | { type: 'started' }
  | { type: 'failed'; reason: string }
  | { type: 'uncatchable'; how: string }
  | { type: 'mismatch'; fileName: string };

/** Rows clicked at once: the slowest file, not the sum of them, then bounds a run. */
const CONCURRENCY = 6;
/** Each row is tried three times in all. */
const RETRIES = 2;
const DEFAULT_TIMING: ZipRunTiming = {
  rowsTimeoutMs: 5000,
  silentMs: 6000,
  fileTimeoutMs: 90_000,
  quietMs: 600,
  shortfallQuietMs: 3000,
  failurePollMs: 100,
  drainMs: 20_000,
  retryBackoffMs: 1000,
};

export const ROWS_NOT_RECOGNIZED =
  'The export dialog’s list of files was not recognized (no row with a download button appeared), so nothing was downloaded. The dialog is as the dashboard left it: download its files one by one.';

/** How many files a row's label or the dialog's words say there are: "Download 8 files…", "2 files". */
const FILE_COUNT = /\b(\d{1,4})\s+files?\b/i;

export function fileCountIn(text: string): number | null {
  const count = Number(FILE_COUNT.exec(text)?.[1] ?? NaN);
  return Number.isInteger(count) && count > 0 ? count : null;
}

/**
 * A delivery the catcher stopped but cannot read (capture-protocol.ts): the row fails at
 * once, naming how the file came, and is not tried again (it would end the same way).
 */
export class UncatchableDelivery extends Error {}

/** The ZIP writer and date parsing arrive with their own script, imported only now (entrypoints/zip-builder.ts). */
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

function waitFor<T>(probe: () => T | null, timeoutMs: number, signal: AbortSignal, failure: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = clockNow();
    const tick = () => {
      if (signal.aborted) return reject(new DOMException('Cancelled', 'AbortError'));
      const value = probe();
      if (value !== null) return resolve(value);
      if (clockNow() - started > timeoutMs) return reject(new Error(failure));
      setTimeout(tick, 100);
    };
    tick();
  });
}

/**
 * One "Download all as ZIP" run: drives the dialog's own per-row downloads with bounded
 * concurrency and retries, catches every file each click delivers (one or several) in the
 * page, attributes it to its row (attribution.ts), and saves one archive with a manifest.
 * Rows whose labels name no days are clicked one at a time, so click order attributes
 * their files. The shared run store (lib/archive/run-store.ts) decides when to save: a run
 * with failures is never saved unless the user says so, and then it is named and
 * described as incomplete.
 */
export class ZipRun {
  private readonly run: ArchiveRun<ZipProgress, ZipFailure>;
  private readonly timing: ZipRunTiming;
  private rows: PlannedRow[] = [];
  /** The days the dialog says it exports, read before its list: years to offer when no row names its days. */
  private dialogWindow: DayRange | null = null;
  private claims: RowClaim[] = [];
  private clicks = 0;
  private readonly files = new Map<number, CapturedFile[]>();
  private readonly waiters = new Map<number, (event: RowEvent) => void>();
  private silent = new Set<number>();
  private failures: ZipFailure[] = [];
  private engine: ZipEngine | null = null;
  /**
   * Files each row gives, when the dialog tells it ("Download 24 files…" over 12 rows) or the
   * first row has shown it; null until then. A row that has given as many is done at once,
   * instead of waiting for a further file that will not come.
   */
  private filesPerRow: number | null = null;
  /** The catcher of this run: told to let the archive's own download through. */
  private channel: CaptureChannel | null = null;
  /** The archive's object URL, made and let through before it is clicked. */
  private archiveUrl: string | undefined;
  /** Read when a run starts: what the page shows then is what the dialog exports. */
  private names: ZipRunNames | null = null;
  /** Attempts still waiting for the dashboard; the catcher stays armed until they settle. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly document: Document,
    private readonly readNames: () => ZipRunNames,
    private readonly deps: ZipRunDeps = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.run = createArchiveRun({
      gather: (request) => this.gather(request),
      build: () => this.build(),
      save:
        deps.save ??
        ((name, bytes) => {
          const url = this.archiveUrl;
          this.archiveUrl = undefined;
          return saveDownload(document, name, bytes, { revokeAfterMs: 60_000, url });
        }),
    });
  }

  get current(): ZipRunState {
    return this.run.current;
  }

  get busy(): boolean {
    return this.run.busy;
  }

  /** What the run exports, as the Usage page showed it when the run started; null before. */
  get scope(): ExportScope | null {
    return this.names?.scope ?? null;
  }

  /** Whether every row is a calendar month (the panel then speaks of months, as the dashboard did). */
  get rowsAreMonths(): boolean {
    return this.rows.length > 0 && this.rows.every((row) => row.isMonth);
  }

  /** The calendar years the rows cover, newest first; empty when no row names its days. */
  get years(): number[] {
    const years = new Set<number>();
    const windows = this.rows.some((row) => row.window) ? this.rows.map((row) => row.window) : [this.dialogWindow];
    for (const window of windows) {
      if (!window) continue;
      for (let year = Number(window.start.slice(0, 4)); year <= Number(window.endInclusive.slice(0, 4)); year += 1) years.add(year);
    }
    return [...years].sort((a, b) => b - a);
  }

  subscribe(listener: (state: ZipRunState) => void): () => void {
    return this.run.subscribe(listener);
  }

  cancel(): void {
    this.run.cancel();
  }

  /** Downloads every row the dialog lists, or only those that failed last time. */
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

  private async gather({ onlyFailed, signal, progress }: GatherRequest<ZipProgress>): Promise<Gathered<ZipFailure>> {
    const engine = await this.loadEngine();
    if (!onlyFailed) {
      this.names = this.readNames();
      const before = findUsageExport(this.document);
      this.dialogWindow = engine.windowFromLabel(before?.description ?? '');
      // "Download 24 files…" is read before it is clicked; the list may repeat the count in its words.
      const offered = before?.offerButton ? before.offeredFiles : null;
      this.rows = (await this.listRows(signal)).map((row, index) => {
        const isMonth = engine.monthFromLabel(row.label) !== null;
        const labelledFiles = fileCountIn(row.label);
        return { position: index + 1, label: row.label, window: engine.windowFromLabel(row.label), isMonth, labelledFiles };
      });
      const announced = offered ?? fileCountIn(findUsageExport(this.document)?.description ?? '');
      this.filesPerRow = announced !== null && announced % this.rows.length === 0 ? announced / this.rows.length : null;
      this.claims = this.rows.map((row) => ({ window: row.window, clickedAt: null, waiting: false }));
      this.files.clear();
    }
    const failed = new Set(this.failures.map((failure) => failure.row));
    const pending = onlyFailed ? this.rows.filter((row) => failed.has(row.position)) : this.rows;
    if (!onlyFailed) this.failures = [];
    this.silent = new Set();
    const channel = await (this.deps.channel ?? captureChannel)();
    this.channel = channel;
    const stopListening = channel.onMessage((message) => this.onPageMessage(engine, message));
    let last: RunProgress | null = null;
    const report = () => {
      if (last) progress({ ...last, silent: [...this.silent].map((position) => this.nameOf(position)) });
    };
    try {
      await channel.arm();
      // Without days to compare, only click order tells whose file is whose: one row at a time.
      const concurrency = this.rows.every((row) => row.window !== null) ? CONCURRENCY : 1;
      // Nothing says how many files a row gives: the first row shows it, alone, before the others start.
      const learn = this.filesPerRow === null && pending.some((row) => row.labelledFiles === null) ? pending[0] : undefined;
      let learned = (): void => undefined;
      const firstRow = new Promise<void>((resolve) => (learned = resolve));
      const outcome = await runWithRetries(
        pending,
        async (row, context) => {
          if (!learn) return this.download(row, context.signal, report);
          if (row !== learn) await firstRow;
          // Cancelled while waiting for the first row: nothing more is clicked.
          if (context.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
          try {
            const files = await this.download(row, context.signal, report);
            if (row === learn && files.length > 0) this.filesPerRow = files.length;
            return files;
          } finally {
            if (row === learn) learned();
          }
        },
        {
        concurrency,
        retries: RETRIES,
        isRetryable: (error) => !(error instanceof UncatchableDelivery),
        backoffMs: this.timing.retryBackoffMs,
        signal,
        onProgress: (running) => {
          last = { ...running, done: running.done + this.rows.length - pending.length, total: this.rows.length };
          report();
        },
        },
      );
      if (!outcome.cancelled) {
        this.failures = outcome.results.flatMap((result, index) => {
          const row = pending[index] as PlannedRow;
          return result.ok ? [] : [{ row: row.position, label: row.label, error: describeError(result.error), attempts: result.attempts }];
        });
      }
      const gathered = [...this.files.values()].reduce((sum, list) => sum + list.length, 0);
      return { failures: this.failures, gathered, total: this.rows.length };
    } finally {
      // Every arm, even one the page never confirmed, is matched by a disarm.
      void this.disarmWhenSettled(channel, stopListening);
    }
  }

  private nameOf(position: number): string {
    const row = this.rows[position - 1];
    return rowName(row?.label ?? '', position);
  }

  /** Every message of the catcher goes to the row it belongs to (attribution.ts). */
  private onPageMessage(engine: ZipEngine, message: PageToContent): void {
    if (message.type === 'armed' || message.type === 'allowed') return;
    const fileWindow = engine.windowFromFileName(message.fileName)?.range ?? null;
    const attribution = attributeFile(fileWindow, this.claims);
    if (!attribution || attribution.row === null) return;
    const position = attribution.row + 1;
    const notify = (event: RowEvent) => this.waiters.get(position)?.(event);
    if ('mismatch' in attribution) {
      notify({ type: 'mismatch', fileName: message.fileName });
    } else if (message.type === 'captured') {
      const list = this.files.get(position) ?? [];
      list.push({
        row: position,
        attributedBy: attribution.by,
        originalFileName: message.fileName,
        bytes: new Uint8Array(message.bytes),
        source: message.source,
      });
      this.files.set(position, list);
      this.silent.delete(position);
      notify({ type: 'file' });
    } else if (message.type === 'capture-started') {
      notify({ type: 'started' });
    } else if (message.type === 'uncatchable') {
      notify({ type: 'uncatchable', how: message.how });
    } else {
      notify({ type: 'failed', reason: message.reason });
    }
  }

  /**
   * Disarming while the dashboard still delivers would drop those files in Downloads; the
   * channel keeps the catcher armed while another run (a retry after a cancel) holds it.
   */
  private async disarmWhenSettled(channel: CaptureChannel, stopListening: () => void): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    stopListening();
    channel.disarm();
  }

  /** What arrived, named and described as incomplete when rows are missing. */
  private async build(): Promise<BuiltArchive> {
    const captured = [...this.files.values()].flat();
    try {
      const engine = await this.loadEngine();
      const prepared = await engine.prepareArchive({
        organization: this.names?.organization ?? null,
        scope: this.names?.scope ?? { shown: null, allProjects: false, topBarProject: null },
        generatedAt: (this.deps.now ?? (() => new Date(clockNow())))(),
        rows: this.rows.map(({ label, window }) => ({ label, window })),
        captured,
        failures: this.failures,
      });
      const bytes = await engine.buildZip(prepared.entries, prepared.manifest);
      if (!this.deps.save) {
        // Our own <a download> is a download like any other to the catcher, which may still be armed.
        this.archiveUrl = zipUrl(bytes);
        await this.channel?.allow(this.archiveUrl);
      }
      return { archiveName: prepared.archiveName, bytes, complete: prepared.manifest.complete, files: captured.length };
    } catch (error) {
      throw new Error(`The ZIP could not be built: ${describeError(error)}`);
    }
  }

  private async listRows(signal: AbortSignal): Promise<ExportRow[]> {
    const found = findUsageExport(this.document);
    if (found?.offerButton && found.rows.length < 2) found.offerButton.click();
    return waitFor(
      () => {
        const current = findUsageExport(this.document);
        return current && current.rows.length >= 1 && !current.offerButton ? current.rows : null;
      },
      this.timing.rowsTimeoutMs,
      signal,
      ROWS_NOT_RECOGNIZED,
    );
  }

  /** The planned row in the dialog now: at its position when its label still matches, else by label. */
  private findRow(planned: PlannedRow): ExportRow | null {
    const rows = findUsageExport(this.document)?.rows ?? [];
    const atPosition = rows[planned.position - 1];
    if (atPosition && atPosition.label === planned.label) return atPosition;
    return planned.label ? (rows.find((row) => row.label === planned.label) ?? null) : null;
  }

  /**
   * One attempt at one row: click it, then take every file it delivers until the row has
   * been quiet a moment, or fail on its error, a file that fits no row, silence, or time.
   */
  private download(planned: PlannedRow, signal: AbortSignal, report: () => void): Promise<CapturedFile[]> {
    const { position } = planned;
    const expected = planned.labelledFiles ?? this.filesPerRow;
    const claim = this.claims[position - 1] as RowClaim;
    const attempt = new Promise<CapturedFile[]>((resolve, reject) => {
      const row = this.findRow(planned);
      if (!row) {
        reject(new Error(`The row "${this.nameOf(position)}" is no longer in the export dialog.`));
        return;
      }
      this.files.set(position, []);
      const clickedAt = clockNow();
      let deadline = clickedAt + this.timing.fileTimeoutMs;
      let lastFileAt: number | null = null;
      let started = false;
      const finish = (settle: () => void) => {
        clearInterval(poll);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(position);
        claim.waiting = false;
        settle();
      };
      this.waiters.set(position, (event) => {
        if (event.type === 'file') {
          lastFileAt = clockNow();
          // As many files as the row gives: done now, not after a wait for more.
          if (expected !== null && (this.files.get(position)?.length ?? 0) >= expected) finish(() => resolve(this.files.get(position) ?? []));
        }
        else if (event.type === 'started') started = true;
        else if (event.type === 'failed') finish(() => reject(new Error(`The file could not be read: ${event.reason}`)));
        else if (event.type === 'uncatchable') {
          finish(() =>
            reject(new UncatchableDelivery(`The dashboard delivered this row's file by ${event.how}: it was stopped, not saved, and not tried again. Download this row from the dialog yourself.`)),
          );
        } else {
          finish(() =>
            reject(new Error(`The dashboard delivered ${event.fileName}, whose dates are not those of this row: the dialog may have changed.`)),
          );
        }
      });
      const poll = setInterval(() => {
        const now = clockNow();
        const current = this.findRow(planned);
        if (current && rowShowsFailure(current.row)) {
          finish(() => reject(new Error('The dashboard reported that this download failed.')));
          return;
        }
        const busy = current !== null && rowShowsBusy(current);
        const quietMs = expected === null ? this.timing.quietMs : this.timing.shortfallQuietMs;
        if (lastFileAt !== null && !busy && now - lastFileAt >= quietMs) {
          finish(() => resolve(this.files.get(position) ?? []));
        } else if (lastFileAt === null && !started && !busy && now - clickedAt >= this.timing.silentMs) {
          // Named in the panel at once, not only after the retries.
          if (!this.silent.has(position)) {
            this.silent.add(position);
            report();
          }
          finish(() => reject(new Error(`Nothing arrived within ${Number((this.timing.silentMs / 1000).toFixed(1))} s of the click: the dashboard may have changed how it delivers downloads.`)));
        } else if (now >= deadline) {
          finish(() => reject(new Error('No file arrived in time: the dashboard may have changed how it delivers downloads.')));
        }
      }, this.timing.failurePollMs);
      // Cancelled: the files the dashboard is already preparing are still caught, then dropped.
      const onAbort = () => {
        deadline = Math.min(deadline, clockNow() + this.timing.drainMs);
      };
      signal.addEventListener('abort', onAbort);
      this.clicks += 1;
      claim.clickedAt = this.clicks;
      claim.waiting = true;
      startRowDownload(row).catch((error: unknown) => finish(() => reject(error)));
    });
    this.inFlight.add(attempt);
    void attempt.catch(() => undefined).finally(() => this.inFlight.delete(attempt));
    return attempt;
  }
}
