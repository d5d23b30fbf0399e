import { sendToWorker } from './page-messenger';
import type { PageObservation, SettingObservation } from '../logging-reminder/logging-state';

/**
 * How pages report logging observations and the user's dismiss/snooze choices: to the
 * worker, the one writer of those records (lib/background/record-writer.ts), which applies
 * them in order. Pages get the records from the worker (lib/features/page-records.ts).
 */

/** An observation that does not reach the worker is dropped; the page shows what it saw all the same. */
function reportQuietly(what: string, sending: Promise<unknown>): Promise<void> {
  return sending.then(
    () => undefined,
    (error: unknown) => console.warn(`[refined-openai-platform] ${what} not recorded:`, error),
  );
}

export function recordPageObservation(organization: string, project: string, observation: PageObservation): Promise<void> {
  return reportQuietly(
    'Logs page observation',
    sendToWorker('recordLoggingPage', { organization, project, status: observation.status, at: observation.at }),
  );
}

export function recordSettingObservation(organization: string, observation: SettingObservation): Promise<void> {
  return reportQuietly(
    'logging setting',
    sendToWorker('recordLoggingSetting', {
      organization,
      setting: observation.setting,
      projectIds: observation.projectIds,
      at: observation.at,
    }),
  );
}

/** The user's choice: rejects when the worker could not record it, so the caller can say so. */
export async function silenceReminder(project: string, how: 'dismiss' | 'snooze'): Promise<void> {
  await sendToWorker('silenceReminder', { project, how });
}
