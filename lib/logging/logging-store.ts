import { loggingObservations } from '../background/records';
import { loggingReminderSilence } from '../settings/settings';
import { SNOOZE_MS, type OrganizationLogging, type PageObservation, type SettingObservation } from './logging-state';

/** The organization's id when the dashboard exposes it, else its name. */
export function organizationKey(organization: { id: string | null; name: string }): string {
  return organization.id ?? `name:${organization.name}`;
}

async function updateOrganization(key: string, update: (current: OrganizationLogging) => OrganizationLogging): Promise<void> {
  const all = await loggingObservations.getValue();
  await loggingObservations.setValue({ ...all, [key]: update(all[key] ?? { pages: {} }) });
}

export async function recordPageObservation(organization: string, project: string, observation: PageObservation): Promise<void> {
  const all = await loggingObservations.getValue();
  // Each Logs page render would otherwise rewrite the same state.
  if (all[organization]?.pages[project]?.status === observation.status) return;
  await updateOrganization(organization, (current) => ({ ...current, pages: { ...current.pages, [project]: observation } }));
}

export async function recordSettingObservation(organization: string, observation: SettingObservation): Promise<void> {
  await updateOrganization(organization, (current) => ({ ...current, setting: observation }));
}

export async function silenceReminder(project: string, how: 'dismiss' | 'snooze', now = Date.now()): Promise<void> {
  const all = await loggingReminderSilence.getValue();
  await loggingReminderSilence.setValue({
    ...all,
    [project]: how === 'dismiss' ? { dismissed: true } : { snoozedUntil: now + SNOOZE_MS },
  });
}
