import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCaptureChannel, fakeExportDialog, fakeMonths, secondFileName, type FakeMonth, type RowBehaviour } from './testing/fake-export-dialog';
import { zipEngine } from './zip-engine';
import { ROWS_NOT_RECOGNIZED, ZipRun, type ZipRunState } from './zip-run';

const TIMING = { rowsTimeoutMs: 1000, silentMs: 200, fileTimeoutMs: 300, quietMs: 20, shortfallQuietMs: 20, failurePollMs: 5, drainMs: 150, retryBackoffMs: 1 };
const GENERATED_AT = new Date('2024-05-01T00:00:00Z');

function setup(
  count: number | FakeMonth[],
  behaviour?: (month: FakeMonth, attempt: number) => RowBehaviour,
  { wording = '', timing = {} }: { wording?: string; timing?: Partial<typeof TIMING> } = {},
) {
  const months = typeof count === 'number' ? fakeMonths(count) : count;
  const capture = fakeCaptureChannel();
  const dialog = fakeExportDialog(document, capture, months, behaviour, wording);
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const run = new ZipRun(
    document,
    () => ({ organization: 'Acme', scope: { shown: 'Prod', allProjects: false, topBarProject: 'Prod' } }),
    {
      loadEngine: async () => zipEngine,
      channel: async () => capture.channel,
      save: (name, bytes) => {
        saved.push({ name, bytes });
        return `blob:${name}`;
      },
      now: () => GENERATED_AT,
      timing: { ...TIMING, ...timing },
    },
  );
  const states: ZipRunState[] = [];
  run.subscribe((state) => states.push(state));
  return { run, months, capture, dialog, saved, states };
}

async function unzip(bytes: Uint8Array | undefined) {
  const zip = await JSZip.loadAsync(bytes ?? new Uint8Array());
  const text = (name: string) => zip.file(name)?.async('string');
  return { names: Object.keys(zip.files).sort(), text, manifest: JSON.parse((await text('manifest.json')) ?? 'null') };
}

/** Waits (in real time: the run uses real timers) until `condition` holds. */
async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ZipRun', () => {
  it('downloads every month once, saves one complete ZIP with the files unchanged, and disarms', async () => {
    const { run, months, capture, dialog, saved, states } = setup(3);
    await run.start();
    expect(run.current).toEqual({
      phase: 'saved',
      archiveName: 'openai-usage_acme_prod_2024-01_2024-03.zip',
      complete: true,
      files: 3,
      bytes: saved[0]?.bytes.byteLength,
      url: 'blob:openai-usage_acme_prod_2024-01_2024-03.zip',
    });
    expect([...dialog.clicks.values()]).toEqual([1, 1, 1]);
    const zip = await unzip(saved[0]?.bytes);
    expect(zip.names).toEqual([...months.map((month) => month.fileName), 'manifest.json'].sort());
    for (const month of months) expect(await zip.text(month.fileName)).toBe(month.content);
    expect(zip.manifest).toMatchObject({ complete: true, range: { start: '2024-01-01', endInclusive: '2024-03-31' }, missingRows: [] });
    expect(zip.manifest.files.map((file: { month: string }) => file.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    // Progress counts settled months out of all.
    const progress = states.flatMap((state) => (state.phase === 'fetching' && state.progress ? [state.progress.done] : []));
    expect(progress.at(-1)).toBe(3);
    await until(() => capture.calls.length === 2);
    expect(capture.calls).toEqual(['arm', 'disarm']);
  });

  it('retries a month the dashboard fails, three attempts in all, and still saves a complete ZIP', async () => {
    const { run, dialog, saved } = setup(3, (month, attempt) => (month.label === 'February 2024' && attempt < 3 ? 'fail' : 'deliver'));
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', complete: true, files: 3 });
    expect(dialog.clicks.get('February 2024')).toBe(3);
    expect(dialog.clicks.get('January 2024')).toBe(1);
    expect(saved).toHaveLength(1);
  });

  it('stops at a month that keeps failing, names it, and saves nothing until asked', async () => {
    const { run, capture, saved } = setup(3, (month) => (month.label === 'February 2024' ? 'fail' : 'deliver'));
    await run.start();
    expect(run.current).toEqual({
      phase: 'incomplete',
      failures: [{ row: 2, label: 'February 2024', error: 'The dashboard reported that this download failed.', attempts: 3 }],
      gathered: 2,
      total: 3,
    });
    expect(saved).toEqual([]);
    await until(() => !capture.armed());
    expect(capture.calls).toEqual(['arm', 'disarm']);
  });

  it('reports a file the catcher could not read, and one that never came', async () => {
    const { run } = setup(2, (month) => (month.label === 'January 2024' ? 'unreadable' : 'silent'));
    await run.start();
    const failures = run.current.phase === 'incomplete' ? run.current.failures : [];
    expect(failures.map((failure) => [failure.label, failure.error])).toEqual([
      ['January 2024', 'The file could not be read: the file\'s address answered HTTP 403'],
      ['February 2024', 'Nothing arrived within 0.2 s of the click: the dashboard may have changed how it delivers downloads.'],
    ]);
  });

  it('"Save incomplete ZIP" saves once, named and described as incomplete', async () => {
    const { run, months, saved } = setup(3, (month) => (month.label === 'February 2024' ? 'fail' : 'deliver'));
    await run.start();
    await Promise.all([run.save(), run.save()]);
    await run.save();
    expect(saved.map((file) => file.name)).toEqual(['openai-usage_acme_prod_2024-01_2024-03_INCOMPLETE.zip']);
    expect(run.current).toMatchObject({ phase: 'saved', complete: false, files: 2 });
    const zip = await unzip(saved[0]?.bytes);
    expect(zip.names).toEqual([months[0]!.fileName, months[2]!.fileName, 'manifest.json'].sort());
    expect(zip.manifest.complete).toBe(false);
    expect(zip.manifest.failures).toEqual([expect.objectContaining({ month: '2024-02', attempts: 3 })]);
    expect(zip.manifest.warning).toContain('1 download failed (2024-02)');
  });

  it('"Retry failed months" asks only for what failed, then saves the complete ZIP', async () => {
    let februaryWorks = false;
    const { run, dialog, saved, states } = setup(3, (month) => (month.label === 'February 2024' && !februaryWorks ? 'fail' : 'deliver'));
    await run.start();
    expect(run.current.phase).toBe('incomplete');
    februaryWorks = true;
    await run.start(true);
    expect(dialog.clicks).toEqual(new Map([['January 2024', 1], ['February 2024', 4], ['March 2024', 1]]));
    expect(states).toContainEqual(expect.objectContaining({ phase: 'fetching', retrying: true }));
    expect(run.current).toMatchObject({ phase: 'saved', archiveName: 'openai-usage_acme_prod_2024-01_2024-03.zip', complete: true, files: 3 });
    expect((await unzip(saved[0]?.bytes)).manifest.failures).toEqual([]);
  });

  it('Cancel stops clicking rows, saves nothing, drops late files and disarms only once the clicked downloads are done', async () => {
    const { run, months, capture, dialog, saved } = setup(8, () => 'silent', { wording: 'Click the download button for each of the 8 files.' });
    const started = run.start();
    // Eight files in eight rows: one each, so six rows are clicked at once.
    await until(() => dialog.clicks.size === 6);
    run.cancel();
    await started;
    expect(run.current).toEqual({ phase: 'cancelled' });
    expect(run.busy).toBe(false);
    // The six files already asked for may still come: the catcher takes them, then lets go.
    expect(capture.armed()).toBe(true);
    dialog.deliverLate(months[0]!);
    await until(() => !capture.armed(), TIMING.drainMs * 10);
    expect(capture.calls).toEqual(['arm', 'disarm']);
    expect(dialog.clicks.size).toBe(6);
    expect(capture.escaped).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('keeps the catcher armed while a cancelled run drains under a new run, with one disarm for each arm', async () => {
    let slow = true;
    const { run, capture, saved } = setup(2, () => (slow ? 'silent' : 'deliver'));
    const first = run.start();
    await until(() => run.current.phase === 'fetching');
    run.cancel();
    await first;
    expect(capture.calls).toEqual(['arm']);
    slow = false;
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', complete: true });
    await until(() => !capture.armed(), TIMING.drainMs * 10);
    // Each run let go once; no file came while nobody held the catcher.
    expect(capture.calls).toEqual(['arm', 'arm', 'disarm', 'disarm']);
    expect(capture.escaped).toEqual([]);
    expect(saved).toHaveLength(1);
  });

  it('says so when the catcher does not confirm in time, clicks nothing, and still disarms it', async () => {
    const { run, capture, dialog, saved } = setup(2);
    capture.failArm(new Error('The download catcher did not start in the page.'));
    await run.start();
    expect(run.current).toEqual({ phase: 'error', message: 'The download catcher did not start in the page.' });
    expect(dialog.clicks.size).toBe(0);
    expect(saved).toEqual([]);
    // The page may confirm later: the arm is matched by a disarm all the same.
    await until(() => !capture.armed());
    expect(capture.calls).toEqual(['arm', 'disarm']);
  });

  it('says so in words when the dialog lists no row it can recognize, and clicks and arms nothing', async () => {
    const { run, capture, saved } = setup(2);
    document.body.replaceChildren();
    await run.start();
    expect(run.current).toEqual({ phase: 'error', message: ROWS_NOT_RECOGNIZED });
    expect(capture.calls).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('takes every file a row delivers: a window with two capabilities gives two files under that row', async () => {
    const windows: FakeMonth[] = [
      { label: 'Jun 1, 2026 – Jul 1, 2026', fileName: 'completions_usage_2026-06-01_2026-07-01.csv', content: 'june\n' },
      { label: 'Jul 2, 2026 – Aug 1, 2026', fileName: 'completions_usage_2026-07-02_2026-08-01.csv', content: 'july\n' },
    ];
    const { run, dialog, saved } = setup(windows, () => 'deliver-two');
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', archiveName: 'openai-usage_acme_prod_2026-06-01_2026-08-01.zip', complete: true, files: 4 });
    expect([...dialog.clicks.values()]).toEqual([1, 1]);
    const zip = await unzip(saved[0]?.bytes);
    expect(await zip.text(secondFileName(windows[1]!.fileName))).toBe('second july\n');
    expect(zip.manifest.rows).toEqual([
      {
        row: 1,
        label: 'Jun 1, 2026 – Jul 1, 2026',
        window: { start: '2026-06-01', endInclusive: '2026-07-01' },
        files: ['completions_usage_2026-06-01_2026-07-01.csv', 'embeddings_usage_2026-06-01_2026-07-01.csv'],
        failed: false,
      },
      {
        row: 2,
        label: 'Jul 2, 2026 – Aug 1, 2026',
        window: { start: '2026-07-02', endInclusive: '2026-08-01' },
        files: ['completions_usage_2026-07-02_2026-08-01.csv', 'embeddings_usage_2026-07-02_2026-08-01.csv'],
        failed: false,
      },
    ]);
    expect(zip.manifest.files.every((file: { attributedBy: string }) => file.attributedBy === 'name')).toBe(true);
  });

  it('clicks rows that name no dates one at a time and gives each the files of its own click', async () => {
    const parts: FakeMonth[] = [1, 2, 3].map((n) => ({ label: `Part ${n}`, fileName: `download-${n}.csv`, content: `part ${n}\n` }));
    const { run, saved } = setup(parts);
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', archiveName: 'openai-usage_acme_prod.zip', complete: true, files: 3 });
    const zip = await unzip(saved[0]?.bytes);
    expect(zip.manifest.rows.map((row: { label: string; files: string[] }) => [row.label, row.files])).toEqual([
      ['Part 1', ['download-1.csv']],
      ['Part 2', ['download-2.csv']],
      ['Part 3', ['download-3.csv']],
    ]);
    expect(zip.manifest.files.map((file: { attributedBy: string }) => file.attributedBy)).toEqual(['click-order', 'click-order', 'click-order']);
  });

  it('names a row whose click delivers nothing while the run goes on, before its retries are over', async () => {
    const { run, states } = setup(3, (month) => (month.label === 'February 2024' ? 'silent' : 'deliver'));
    const started = run.start();
    await until(() => states.some((state) => state.phase === 'fetching' && Boolean(state.progress?.silent.length)), 2000);
    const fetching = states.find((state) => state.phase === 'fetching' && Boolean(state.progress?.silent.length));
    expect(fetching?.phase === 'fetching' && fetching.progress?.silent).toEqual(['February 2024']);
    await started;
    expect(run.current).toMatchObject({ phase: 'incomplete', failures: [expect.objectContaining({ label: 'February 2024', attempts: 3 })] });
  });

  it('refuses a file whose dates are not those of the row clicked, and says so', async () => {
    const months = fakeMonths(2);
    months[1] = { ...months[1]!, fileName: 'cost_2025-06-01_2025-06-30.csv' };
    const { run } = setup(months);
    await run.start();
    const failures = run.current.phase === 'incomplete' ? run.current.failures : [];
    expect(failures).toEqual([
      expect.objectContaining({ label: 'February 2024', error: expect.stringContaining('cost_2025-06-01_2025-06-30.csv, whose dates are not those of this row') }),
    ]);
  });

  it('learns from the first row how many files a row gives: it goes alone, the others then finish on their last file without waiting for more', async () => {
    // Only the first row waits out the quiet time; a wait for further files longer than the test would hang the others.
    const { run, dialog } = setup(4, () => 'deliver', { timing: { quietMs: 150, shortfallQuietMs: 60_000 } });
    const done = run.start();
    await until(() => dialog.order.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dialog.order).toEqual(['January 2024']);
    await done;
    expect(run.current).toMatchObject({ phase: 'saved', complete: true, files: 4 });
    expect(dialog.order).toEqual(['January 2024', 'February 2024', 'March 2024', 'April 2024']);
  });

  it('takes the count from the dialog’s words: every row clicked at once, each done on its own last file', async () => {
    const windows = fakeMonths(3);
    const { run, dialog, saved } = setup(windows, () => 'deliver-two', {
      wording: 'Click the download button for each of the 6 files.',
      timing: { quietMs: 60_000, shortfallQuietMs: 60_000 },
    });
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', complete: true, files: 6 });
    expect(dialog.order).toHaveLength(3);
    expect((await unzip(saved[0]?.bytes)).manifest.rows.map((row: { files: string[] }) => row.files.length)).toEqual([2, 2, 2]);
  });

  it('takes the count from a row’s label ("2 files")', async () => {
    const months = fakeMonths(2).map((month) => ({ ...month, label: `${month.label} (2 files)` }));
    const { run } = setup(months, () => 'deliver-two', { timing: { quietMs: 60_000, shortfallQuietMs: 60_000 } });
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', complete: true, files: 4 });
  });

  it('a row that gives fewer files than its count is done after a longer quiet time, with what came', async () => {
    const { run } = setup(2, () => 'deliver', { wording: 'Download 4 files', timing: { quietMs: 60_000, shortfallQuietMs: 30 } });
    await run.start();
    expect(run.current).toMatchObject({ phase: 'saved', complete: true, files: 2 });
  });

  it('fails a row whose delivery cannot be caught once, naming it, and never clicks it again', async () => {
    const { run, dialog, saved } = setup(3, (month) => (month.label === 'February 2024' ? 'uncatchable' : 'deliver'), {
      wording: 'Download 3 files',
    });
    await run.start();
    expect(run.current).toMatchObject({
      phase: 'incomplete',
      failures: [
        {
          row: 2,
          label: 'February 2024',
          attempts: 1,
          error: expect.stringContaining('by window.open of https://files.example/x.csv, a file on another site'),
        },
      ],
    });
    expect(dialog.clicks.get('February 2024')).toBe(1);
    expect(saved).toEqual([]);
    // "Retry failed" is the user's choice: it tries once more, once.
    await run.start(true);
    expect(dialog.clicks.get('February 2024')).toBe(2);
  });
});
