import { isDataRetentionPage, isLogsPage, isUsagePage } from '../../platform/adapter';
import { defineFeatureMeta, type FeatureScope } from '../feature';

export const scope: FeatureScope = {
  id: 'logging-reminder',
  appliesTo: (url) => isUsagePage(url) || isLogsPage(url) || isDataRetentionPage(url),
};

export const meta = defineFeatureMeta(scope, {
  name: 'Logging reminder',
  description:
    'Reminds you, per project, when chat-completion logging is off (read from Data controls → Data retention, the Logs page and the organization’s setting), with a link to switch it on. Dismiss or snooze per project.',
});
