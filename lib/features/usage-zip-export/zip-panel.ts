import { OWNED_MARK } from '../../platform/adapter';
import { formatProgressText, RETRY_FAILED_DOWNLOADS_LABEL, RETRY_FAILED_LABEL, SAVE_INCOMPLETE_LABEL } from '../../archive/run-text';
import type { ExportScope } from './usage-manifest';
import type { ZipRun, ZipRunState } from './zip-run';
import { clockNow } from '../../core/clock';

/**
 * The accounting export of a year from the Admin API (an extension page the worker opens): the way to the
 * same data when the modal cannot be driven. Only the worker knows whether a key is set.
 */
export interface AdminExportOffer {
  available(): Promise<boolean>;
  open(year: number): Promise<void>;
}

function button(document: Document, label: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  // The user's clicks only: a page script's click() would start runs and open export tabs at will.
  element.addEventListener('click', (event) => {
    if (event.isTrusted) onClick();
  });
  return element;
}

/** The scope the run exports, in the panel's words: the Usage page's own selection. */
function scopeSentence(scope: ExportScope | null): string {
  if (!scope) return '';
  if (scope.shown === null) return ' The Usage page’s own project selector was not recognized, so the archive names no project.';
  return ` Scope: ${scope.shown}, as the Usage page’s own project selector shows.`;
}

function describe(state: ZipRunState, months: boolean, scope: ExportScope | null): string {
  const rows = months ? 'months' : 'rows';
  switch (state.phase) {
    case 'idle':
      return '';
    case 'preparing':
      return 'Preparing the files…';
    case 'fetching': {
      if (!state.progress) return 'Downloading…';
      const silent = state.progress.silent.length
        ? ` Nothing arrived for ${state.progress.silent.join(', ')} after the click: the dashboard may deliver its files differently now.`
        : '';
      return `Downloading ${formatProgressText(state.progress)}…${silent}`;
    }
    case 'building':
      return `Building the ZIP of ${state.files} files…`;
    case 'incomplete': {
      // A delivery that cannot be caught is tried once; the others three times.
      const attempts = [...new Set(state.failures.map((failure) => failure.attempts))];
      const after = attempts.length === 1 ? ` after ${attempts[0]} attempt${attempts[0] === 1 ? '' : 's'}` : '';
      return `${state.failures.length} of ${state.total} ${rows} failed${after}: ${state.failures
        .map((failure) => `${failure.label || `row ${failure.row}`} (${failure.error})`)
        .join('; ')}. Retry them, or save a ZIP marked incomplete that lists them in its manifest.`;
    }
    case 'saved':
      return state.complete
        ? `Saved ${state.archiveName} with all ${state.files} ${months ? 'monthly files' : 'files'} and a manifest.${scopeSentence(scope)}`
        : `Saved ${state.archiveName}: INCOMPLETE, ${state.files} files; the missing ${rows} are listed in manifest.json.${scopeSentence(scope)}`;
    case 'cancelled':
      return 'Cancelled: nothing was saved.';
    case 'error':
      return `Could not make the ZIP: ${state.message}${scopeSentence(scope)}`;
  }
}

/** Years to offer from the Admin API: those the rows cover, else last year. */
function offeredYears(run: ZipRun, now: Date): number[] {
  const years = run.years.filter((year) => year <= now.getUTCFullYear()).slice(0, 2);
  return years.length > 0 ? years : [now.getUTCFullYear() - 1];
}

/**
 * The "Download all as ZIP" control inside the Export modal. Its buttons borrow the
 * modal's own button classes (read at run time, never hard-coded) so it looks native.
 * When the modal cannot be driven (its rows are not recognized, a row delivers nothing),
 * it says so and, where an admin key is set, offers the accounting export from the Admin API.
 */
export function createZipPanel(
  document: Document,
  run: ZipRun,
  buttonClass: string,
  signal: AbortSignal,
  adminExport: AdminExportOffer | null = null,
): HTMLElement {
  const panel = document.createElement('div');
  panel.setAttribute(OWNED_MARK, 'zip-export');
  panel.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:12px 0;';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.style.cssText = 'margin:0;flex-basis:100%;font-size:0.9em;';
  const offer = document.createElement('div');
  offer.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:8px;flex-basis:100%;';
  let keySet: Promise<boolean> | null = null;
  let offering = false;

  /** Shown while the run is in trouble, asked of the worker once per panel, kept across progress updates. */
  const showOffer = (state: ZipRunState) => {
    const troubled =
      state.phase === 'error' || state.phase === 'incomplete' || (state.phase === 'fetching' && Boolean(state.progress?.silent.length));
    if (!adminExport || troubled === offering) return;
    offering = troubled;
    offer.replaceChildren();
    if (!troubled) return;
    keySet ??= adminExport.available().catch(() => false);
    void keySet.then((available) => {
      if (!available || signal.aborted || !offering) return;
      const note = document.createElement('span');
      const scope = run.scope;
      // The accounting export offered here covers the whole organization: said when the page shows less.
      note.textContent =
        scope?.shown && !scope.allProjects
          ? `The Admin API can give the same files for the whole organization (not only ${scope.shown}) with your admin key:`
          : 'The same data can come from the Admin API with your admin key:';
      const buttons = offeredYears(run, new Date(clockNow())).map((year) =>
        button(document, `Export ${year} from the Admin API`, buttonClass, () => {
          adminExport.open(year).catch(() => {
            note.textContent = 'The Admin API export could not be opened: open it from the extension’s popup.';
          });
        }),
      );
      offer.replaceChildren(note, ...buttons);
    });
  };

  const render = (state: ZipRunState) => {
    const controls: HTMLElement[] = [];
    if (state.phase === 'building') {
      // Nothing left to cancel: the files are here and the archive is being written.
    } else if (run.busy) {
      controls.push(button(document, 'Cancel', buttonClass, () => run.cancel()));
    } else if (state.phase === 'incomplete') {
      controls.push(
        button(document, run.rowsAreMonths ? RETRY_FAILED_LABEL : RETRY_FAILED_DOWNLOADS_LABEL, buttonClass, () => void run.start(true)),
        button(document, SAVE_INCOMPLETE_LABEL, buttonClass, () => void run.save()),
      );
    } else {
      controls.push(button(document, 'Download all as ZIP', buttonClass, () => void run.start()));
    }
    status.textContent = describe(state, run.rowsAreMonths, run.scope);
    status.dataset.phase = state.phase;
    const troubled = state.phase === 'incomplete' || state.phase === 'error' || (state.phase === 'saved' && !state.complete);
    status.style.color = troubled ? '#b3261e' : '';
    panel.replaceChildren(...controls, status, offer);
    showOffer(state);
  };
  const unsubscribe = run.subscribe(render);
  signal.addEventListener('abort', () => {
    unsubscribe();
    panel.remove();
  });
  return panel;
}
