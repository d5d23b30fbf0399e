import { OWNED_MARK } from '../../platform/adapter';
import { formatProgressText, RETRY_FAILED_LABEL, SAVE_INCOMPLETE_LABEL } from '../../archive/run-text';
import type { ZipRun, ZipRunState } from './zip-run';

function button(document: Document, label: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function describe(state: ZipRunState): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'preparing':
      return 'Preparing the monthly files…';
    case 'fetching':
      return state.progress ? `Downloading ${formatProgressText(state.progress)}…` : 'Downloading…';
    case 'building':
      return `Building the ZIP of ${state.files} files…`;
    case 'incomplete':
      return `${state.failures.length} of ${state.total} months failed after 3 attempts: ${state.failures
        .map((failure) => `${failure.label} (${failure.error})`)
        .join('; ')}. Retry them, or save a ZIP marked incomplete that lists them in its manifest.`;
    case 'saved':
      return state.complete
        ? `Saved ${state.archiveName} with all ${state.files} monthly files and a manifest.`
        : `Saved ${state.archiveName}: INCOMPLETE, ${state.files} files; the missing months are listed in manifest.json.`;
    case 'cancelled':
      return 'Cancelled: nothing was saved.';
    case 'error':
      return `Could not make the ZIP: ${state.message}`;
  }
}

/**
 * The "Download all as ZIP" control inside the Export modal. Its buttons borrow the
 * modal's own button classes (read at run time, never hard-coded) so it looks native.
 */
export function createZipPanel(document: Document, run: ZipRun, buttonClass: string, signal: AbortSignal): HTMLElement {
  const panel = document.createElement('div');
  panel.setAttribute(OWNED_MARK, 'zip-export');
  panel.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:12px 0;';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.style.cssText = 'margin:0;flex-basis:100%;font-size:0.9em;';

  const render = (state: ZipRunState) => {
    const controls: HTMLElement[] = [];
    if (state.phase === 'building') {
      // Nothing left to cancel: the files are here and the archive is being written.
    } else if (run.busy) {
      controls.push(button(document, 'Cancel', buttonClass, () => run.cancel()));
    } else if (state.phase === 'incomplete') {
      controls.push(
        button(document, RETRY_FAILED_LABEL, buttonClass, () => void run.start(true)),
        button(document, SAVE_INCOMPLETE_LABEL, buttonClass, () => void run.save()),
      );
    } else {
      controls.push(button(document, 'Download all as ZIP', buttonClass, () => void run.start()));
    }
    status.textContent = describe(state);
    status.dataset.phase = state.phase;
    status.style.color = state.phase === 'incomplete' || state.phase === 'error' || (state.phase === 'saved' && !state.complete) ? '#b3261e' : '';
    panel.replaceChildren(...controls, status);
  };
  const unsubscribe = run.subscribe(render);
  signal.addEventListener('abort', () => {
    unsubscribe();
    panel.remove();
  });
  return panel;
}
