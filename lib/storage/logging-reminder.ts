import { EMPTY_LOGGING_SOURCES, type LoggingSources } from '../logging-reminder/logging-sources';
import { isAnything, isNumber, isRecord, isString, nullable, recordOf, shape } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/** What the worker last read of the logging sources (lib/background/logging-reminder.ts is its one writer); options show it. */
export const loggingSources = defineVersionedItem<LoggingSources>('local:loggingSources', {
  fallback: EMPTY_LOGGING_SOURCES,
  version: 1,
  migrations: {},
  validate: shape({
    audit: shape({ availability: isAnything, setting: nullable(isRecord), organizationId: nullable(isString), cursor: isAnything, readAt: nullable(isNumber), problem: isAnything }),
    retention: shape({ organization: nullable(isRecord), projects: recordOf(isRecord) }),
  }),
});
