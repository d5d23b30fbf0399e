import type { CaptureChannel } from '../capture-channel';
import type { PageToContent } from '../capture-protocol';

/** What the fake dashboard does when a month's row is clicked, per attempt (1 for the first). */
/** 'deliver-two': the window's file and a second capability's (`embeddings_usage_…`), as an activity export gives. */
/** 'uncatchable': the catcher stopped the download but could not read it (a file on another site). */
export type RowBehaviour = 'deliver' | 'deliver-two' | 'fail' | 'unreadable' | 'uncatchable' | 'silent';

export interface FakeMonth {
  label: string;
  fileName: string;
  content: string;
}

/** `count` months from January 2024, named and labelled as the dashboard does. */
export function fakeMonths(count: number): FakeMonth[] {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return Array.from({ length: count }, (_, index) => {
    const mm = String(index + 1).padStart(2, '0');
    const last = new Date(Date.UTC(2024, index + 1, 0)).getUTCDate();
    return {
      label: `${names[index]} 2024`,
      fileName: `cost_2024-${mm}-01_2024-${mm}-${last}.csv`,
      content: `start_time,amount_value\n${index},0.${index + 1}\n`,
    };
  });
}

/** The other capability's file of the same window: `cost_…` or `completions_usage_…` → `embeddings_usage_…`. */
export function secondFileName(fileName: string): string {
  return fileName.replace(/^[a-z_]+?_(?=\d{4}-)/, 'embeddings_usage_');
}

/**
 * The catcher as a run sees it (lib/features/usage-zip-export/capture-channel.ts): records
 * every arm and disarm in order, is armed while arms outnumber disarms, and lets the fake
 * dashboard hand over files.
 */
export function fakeCaptureChannel() {
  const listeners = new Set<(message: PageToContent) => void>();
  const calls: ('arm' | 'disarm')[] = [];
  let armFailure: Error | null = null;
  const armed = () => calls.filter((call) => call === 'arm').length > calls.filter((call) => call === 'disarm').length;
  /** Files the dashboard saved while nobody held the catcher: on a real page, loose downloads. */
  const escaped: string[] = [];
  const channel: CaptureChannel = {
    arm: async () => {
      calls.push('arm');
      if (armFailure) throw armFailure;
    },
    disarm: () => void calls.push('disarm'),
    allow: async () => undefined,
    onMessage: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return {
    channel,
    calls,
    /** True while some arm is not yet matched by a disarm. */
    armed,
    escaped,
    failArm: (error: Error | null) => (armFailure = error),
    deliver: (message: PageToContent) => {
      if (!armed() && message.type === 'captured') escaped.push(message.fileName);
      else listeners.forEach((listener) => listener(message));
    },
  };
}

/**
 * The Export modal at its per-month step, in `document`: one row per month with its own
 * Download button. A click clears the row's earlier error and, a moment later, does what
 * `behaviour` says: hands the file to the catcher, shows "Download failed" in the row, has
 * the catcher report an unreadable file, or nothing at all.
 */
export function fakeExportDialog(
  document: Document,
  capture: ReturnType<typeof fakeCaptureChannel>,
  months: readonly FakeMonth[],
  behaviour: (month: FakeMonth, attempt: number) => RowBehaviour = () => 'deliver',
  /** The dialog's words above its list ("Click the download button for each of the 24 files."). */
  wording = '',
) {
  const clicks = new Map<string, number>();
  const order: string[] = [];
  const page = document.createElement('main');
  const exportButton = document.createElement('button');
  exportButton.textContent = 'Export';
  page.append(exportButton);
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.dataset.state = 'open';
  if (wording) {
    const words = document.createElement('p');
    words.textContent = wording;
    dialog.append(words);
  }
  const list = document.createElement('ul');
  for (const month of months) {
    const row = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = month.label;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Download';
    button.addEventListener('click', () => {
      const attempt = (clicks.get(month.label) ?? 0) + 1;
      clicks.set(month.label, attempt);
      order.push(month.label);
      row.querySelector('[role="alert"]')?.remove();
      const what = behaviour(month, attempt);
      setTimeout(() => {
        if (what === 'deliver' || what === 'deliver-two') {
          const bytes = new TextEncoder().encode(month.content).buffer as ArrayBuffer;
          capture.deliver({ type: 'captured', fileName: month.fileName, bytes, source: 'blob' });
        }
        if (what === 'deliver-two') {
          setTimeout(() => {
            const bytes = new TextEncoder().encode(`second ${month.content}`).buffer as ArrayBuffer;
            capture.deliver({ type: 'captured', fileName: secondFileName(month.fileName), bytes, source: 'blob' });
          }, 5);
        } else if (what === 'uncatchable') {
          capture.deliver({ type: 'uncatchable', fileName: month.fileName, how: 'window.open of https://files.example/x.csv, a file on another site that does not let the page read it' });
        } else if (what === 'unreadable') {
          capture.deliver({ type: 'capture-failed', fileName: month.fileName, reason: 'the file\'s address answered HTTP 403' });
        } else if (what === 'fail') {
          const alert = document.createElement('span');
          alert.setAttribute('role', 'alert');
          alert.textContent = 'Download failed';
          row.insertBefore(alert, button);
        }
      }, 1);
    });
    row.append(label, button);
    list.append(row);
  }
  dialog.append(list);
  document.body.replaceChildren(page, dialog);
  return {
    /** Clicks per month label. */
    clicks,
    /** Labels in the order their rows were clicked (retries included). */
    order,
    deliverLate: (month: FakeMonth) => {
      const bytes = new TextEncoder().encode(month.content).buffer as ArrayBuffer;
      capture.deliver({ type: 'captured', fileName: month.fileName, bytes, source: 'blob' });
    },
  };
}
