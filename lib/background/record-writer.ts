import { loggingReminderSilence } from '../storage/settings';
import type { LoggingPageReport, LoggingSettingReport, ProjectSighting, SilenceRequest } from '../messaging/messages';
import { withHealth, withKnownProject, withLoggingPage, withLoggingSetting, withSilence } from './record-updates';
import { featureHealth, knownProjects, loggingObservations, type HealthMap } from '../storage/records';
import { recordWrites } from './serial-queue';
import { unseenSpikes, usageProjects } from '../storage/api-records';
import { getAdminKey } from '../storage/key-store';
import { guardWrite } from '../storage/storage-problems';
import { pageReadProjectIds, projectIdByName, type ProjectByNameInput } from '../usage/project-by-name';

/**
 * The one writer of the records several tabs and pages report to. Every change is a read,
 * an update and a write in the worker's queue, so reports arriving together (a burst from
 * several tabs) are applied one after another and none overwrites another.
 */
export interface RecordWriter {
  loggingPage(report: LoggingPageReport): Promise<void>;
  loggingSetting(report: LoggingSettingReport): Promise<void>;
  featureHealth(batch: HealthMap): Promise<void>;
  knownProject(sighting: ProjectSighting): Promise<void>;
  silence(request: SilenceRequest): Promise<void>;
  /** Drops the spikes the user has seen (by id); a spike found since stays. */
  acknowledgeSpikes(ids: readonly string[]): Promise<void>;
}

type Item<T> = { getValue(): Promise<T>; setValue(value: T): Promise<void> };

/** What the Admin API knows of project names: whether a key is set, and its project list. */
export type NameLookup = () => Promise<Pick<ProjectByNameInput, 'keySet' | 'listed'>>;

const adminApiNames: NameLookup = async () => {
  const [key, listed] = await Promise.all([getAdminKey(), usageProjects.getValue()]);
  return { keySet: key !== null, listed };
};

export function createRecordWriter(now: () => number, names: NameLookup = adminApiNames): RecordWriter {
  const update = <T>(item: Item<T>, change: (current: T) => T | null, what = 'what dashboard pages reported') =>
    recordWrites.run(async () => {
      const next = change(await item.getValue());
      // A write refused for quota is noted for the popup and options (storage-problems.ts).
      if (next !== null) await guardWrite('local', what, () => item.setValue(next));
    });

  return {
    loggingPage: (report) => update(loggingObservations, (all) => withLoggingPage(all, report, now())),
    loggingSetting: (report) => update(loggingObservations, (all) => withLoggingSetting(all, report, now())),
    featureHealth: (batch) => update(featureHealth, (current) => withHealth(current, batch)),
    knownProject: async (sighting) => {
      // The page showed no id: the fourth source is the key's project list, by name (lib/usage/project-by-name.ts).
      const lookup = sighting.id === null ? await names() : null;
      await update(knownProjects, (all) => {
        const idByName =
          lookup &&
          projectIdByName({
            ...lookup,
            name: sighting.name,
            organizationProjectIds: pageReadProjectIds({ organizationName: sighting.organization, known: Object.values(all) }),
          });
        return withKnownProject(all, sighting, now(), idByName);
      });
    },
    silence: (request) => update(loggingReminderSilence, (all) => withSilence(all, request, now()), 'your choice to silence a logging reminder'),
    acknowledgeSpikes: (ids) =>
      update(
        unseenSpikes,
        (unseen) => (unseen.some((spike) => ids.includes(spike.id)) ? unseen.filter((spike) => !ids.includes(spike.id)) : null),
        'which spike alerts you have seen',
      ),
  };
}
