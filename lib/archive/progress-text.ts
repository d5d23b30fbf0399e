import type { RunProgress } from './run-with-retries';

/** "7 of 12", with ", 1 failed" once something failed for good. */
export function formatProgressText({ done, total, failed }: Pick<RunProgress, 'done' | 'total' | 'failed'>): string {
  const base = `${done} of ${total}`;
  return failed > 0 ? `${base}, ${failed} failed` : base;
}
