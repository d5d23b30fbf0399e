import type { RunProgress } from './run-with-retries';

/** The choices an incomplete run offers, worded the same in both exports. */
export const RETRY_FAILED_LABEL = 'Retry failed months';
export const SAVE_INCOMPLETE_LABEL = 'Save incomplete ZIP';

/** "7 of 12", with ", 1 failed" once something failed for good. */
export function formatProgressText({ done, total, failed }: Pick<RunProgress, 'done' | 'total' | 'failed'>): string {
  const base = `${done} of ${total}`;
  return failed > 0 ? `${base}, ${failed} failed` : base;
}

/** The same choice when the parts are not months (the Export modal's windows of days). */
export const RETRY_FAILED_DOWNLOADS_LABEL = 'Retry failed downloads';
