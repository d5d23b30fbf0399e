import { loggingReminderSilence } from '../settings/settings';
import type { LoggingPageReport, LoggingSettingReport, ProjectSighting, SilenceRequest } from './messages';
import { withHealth, withKnownProject, withLoggingPage, withLoggingSetting, withSilence } from './record-updates';
import { featureHealth, knownProjects, loggingObservations, type HealthMap } from './records';
import { recordWrites } from './serial-queue';
import { unseenSpikes } from './storage';

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

export function createRecordWriter(now: () => number): RecordWriter {
  const update = <T>(item: Item<T>, change: (current: T) => T | null) =>
    recordWrites.run(async () => {
      const next = change(await item.getValue());
      if (next !== null) await item.setValue(next);
    });

  return {
    loggingPage: (report) => update(loggingObservations, (all) => withLoggingPage(all, report, now())),
    loggingSetting: (report) => update(loggingObservations, (all) => withLoggingSetting(all, report, now())),
    featureHealth: (batch) => update(featureHealth, (current) => withHealth(current, batch)),
    knownProject: (sighting) => update(knownProjects, (all) => withKnownProject(all, sighting, now())),
    silence: (request) => update(loggingReminderSilence, (all) => withSilence(all, request, now())),
    acknowledgeSpikes: (ids) =>
      update(unseenSpikes, (unseen) => (unseen.some((spike) => ids.includes(spike.id)) ? unseen.filter((spike) => !ids.includes(spike.id)) : null)),
  };
}
