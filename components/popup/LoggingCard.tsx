import { LOGS_PAGE_URL } from '../../lib/platform/adapter';
import type { PopupReminder } from '../../lib/logging/popup-reminder';

interface Props {
  reminder: PopupReminder;
  onSilence(how: 'dismiss' | 'snooze'): void;
}

export function LoggingCard({ reminder, onSilence }: Props) {
  return (
    <section class={`banner logging-card logging-${reminder.kind}`} aria-label="Logging reminder">
      <p>{reminder.text}</p>
      <p class="logging-actions">
        <a href={LOGS_PAGE_URL} target="_blank" rel="noreferrer">
          {reminder.kind === 'off' ? 'Switch logging on' : 'Open the Logs page'}
        </a>
        {reminder.kind === 'off' && (
          <>
            <button type="button" onClick={() => onSilence('snooze')}>
              Remind me in 7 days
            </button>
            <button type="button" onClick={() => onSilence('dismiss')}>
              I know, don't remind me for this project
            </button>
          </>
        )}
      </p>
    </section>
  );
}
