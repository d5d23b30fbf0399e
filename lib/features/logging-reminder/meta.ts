/** Apart from the feature, so extension pages can check its switch without bundling its page code. */
export const LOGGING_REMINDER_ID = 'logging-reminder';
