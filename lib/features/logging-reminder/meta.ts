import { isLogsPage, isUsagePage } from '../../platform/adapter';
import { defineFeatureMeta } from '../feature';

export const loggingReminderMeta = defineFeatureMeta({
  id: 'logging-reminder',
  name: 'Logging reminder',
  description:
    'Reminds you, per project, when chat-completion logging is off (read from the Logs page and the organization’s setting), with a link to switch it on. Dismiss or snooze per project.',
  appliesTo: (url) => isUsagePage(url) || isLogsPage(url),
});
