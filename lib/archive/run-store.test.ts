import { describe, expect, it, vi } from 'vitest';
import { createArchiveRun, type ArchiveJob, type ArchiveRunState, type Gathered, type GatherRequest } from './run-store';

type State = ArchiveRunState<number, string> | { phase: 'no-key' };

/** A job whose gathers are answered by the test, one by one. */
function scriptedJob(answers: ((request: GatherRequest<number>) => Promise<Gathered<string> | { stop: { phase: 'no-key' } }>)[]) {
  const requests: GatherRequest<number>[] = [];
  const saved: string[] = [];
  const job: ArchiveJob<number, string, { phase: 'no-key' }> = {
    gather: (request) => {
      requests.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error('no gather scripted');
      return answer(request);
    },
    build: vi.fn(async () => ({ archiveName: saved.length === 0 ? 'a.zip' : 'b.zip', bytes: new Uint8Array(5), complete: true, files: 3 })),
    save: (name) => {
      saved.push(name);
      return `blob:${name}`;
    },
  };
  const run = createArchiveRun(job);
  const states: State[] = [];
  run.subscribe((state) => states.push(state));
  return { run, job, requests, saved, states };
}

const phases = (states: State[]) => states.map((state) => state.phase);
const allArrived: Gathered<string> = { failures: [], gathered: 3, total: 3 };

describe('createArchiveRun', () => {
  it('shows progress, then builds and saves at once when nothing failed', async () => {
    const { run, saved, states } = scriptedJob([
      async ({ progress }) => {
        progress(null);
        progress(2);
        return allArrived;
      },
    ]);
    await run.start();
    expect(phases(states)).toEqual(['idle', 'preparing', 'fetching', 'fetching', 'building', 'saved']);
    expect(states[3]).toEqual({ phase: 'fetching', progress: 2, retrying: false });
    expect(states.at(-1)).toEqual({ phase: 'saved', archiveName: 'a.zip', complete: true, files: 3, bytes: 5, url: 'blob:a.zip' });
    expect(saved).toEqual(['a.zip']);
  });

  it('stops at the failures and saves nothing until the user chooses', async () => {
    const { run, job, saved, states, requests } = scriptedJob([
      async () => ({ failures: ['march'], gathered: 2, total: 3 }),
      async ({ progress }) => {
        progress(1);
        return allArrived;
      },
    ]);
    await run.start();
    expect(states.at(-1)).toEqual({ phase: 'incomplete', failures: ['march'], gathered: 2, total: 3 });
    expect(job.build).not.toHaveBeenCalled();
    await run.retryFailed();
    expect(requests.map((request) => request.onlyFailed)).toEqual([false, true]);
    expect(states).toContainEqual({ phase: 'fetching', progress: 1, retrying: true });
    expect(saved).toEqual(['a.zip']);
  });

  it('saves an incomplete archive once, whatever the clicks, and only from "incomplete"', async () => {
    const { run, job, saved } = scriptedJob([async () => ({ failures: ['march'], gathered: 2, total: 3 })]);
    await run.saveIncomplete();
    await run.retryFailed();
    expect(job.build).not.toHaveBeenCalled();
    await run.start();
    await Promise.all([run.saveIncomplete(), run.saveIncomplete()]);
    expect(saved).toEqual(['a.zip']);
    expect(run.current.phase).toBe('saved');
  });

  it('ignores a start while busy', async () => {
    let release!: (gathered: Gathered<string>) => void;
    const { run, requests } = scriptedJob([() => new Promise((resolve) => (release = resolve))]);
    const first = run.start();
    expect(run.busy).toBe(true);
    await run.start();
    expect(requests).toHaveLength(1);
    release(allArrived);
    await first;
    expect(run.busy).toBe(false);
  });

  it('cancels: the gather is told, progress after the cancel is dropped, nothing is saved', async () => {
    let request!: GatherRequest<number>;
    let release!: () => void;
    const { run, job, states } = scriptedJob([
      (given) => {
        request = given;
        return new Promise((resolve) => (release = () => resolve(allArrived)));
      },
    ]);
    const started = run.start();
    await Promise.resolve();
    run.cancel();
    expect(request.signal.aborted).toBe(true);
    request.progress(3);
    release();
    await started;
    expect(phases(states)).toEqual(['idle', 'preparing', 'cancelled']);
    expect(job.build).not.toHaveBeenCalled();
  });

  it('counts a gather that fails because of the cancel as cancelled, and any other failure as an error', async () => {
    const { run, states } = scriptedJob([
      ({ signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      async () => {
        throw new Error('The export dialog did not list the monthly files.');
      },
    ]);
    const started = run.start();
    run.cancel();
    await started;
    expect(states.at(-1)).toEqual({ phase: 'cancelled' });
    await run.start();
    expect(states.at(-1)).toEqual({ phase: 'error', message: 'The export dialog did not list the monthly files.' });
  });

  it('reports a failed build as an error', async () => {
    const { run, job, states } = scriptedJob([async () => allArrived]);
    vi.mocked(job.build).mockRejectedValueOnce(new Error('disk full'));
    await run.start();
    expect(states.at(-1)).toEqual({ phase: 'error', message: 'disk full' });
  });

  it('lets the job stop the run in a state of its own', async () => {
    const { run, states } = scriptedJob([async () => ({ stop: { phase: 'no-key' } })]);
    await run.start();
    expect(states.at(-1)).toEqual({ phase: 'no-key' });
    expect(run.busy).toBe(false);
  });
});
