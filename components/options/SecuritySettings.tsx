import { MAX_UNUSED_DAYS, MIN_UNUSED_DAYS, normalizeSecuritySettings, type SecurityNoticeKind, type SecurityWatchSettings } from '../../lib/security-watch/settings';
import { browserTimeZone, describeUsualHours } from '../../lib/security-watch/usual-hours';
import { guardWrite, ignoreWhenFull } from '../../lib/storage/storage-problems';
import { useStorageItem } from '../ui/useStorageItem';
import { securityWatchSettings } from '../../lib/storage/security-watch';

const NOTICE_LABELS: [SecurityNoticeKind, string][] = [
  ['admin-key-created', 'A new key with admin rights is created (an admin API key)'],
  ['api-key-off-hours', 'An API key is created outside my usual hours'],
  ['failed-login-burst', 'Several sign-ins fail within minutes (5 or more, under 10 minutes apart)'],
  ['logging-off', 'API call logging is switched off'],
];

const HOURS = Array.from({ length: 25 }, (_, hour) => hour);

async function update(change: (current: SecurityWatchSettings) => SecurityWatchSettings) {
  const next = change(normalizeSecuritySettings(await securityWatchSettings.getValue()));
  await guardWrite('sync', 'the security watch settings', () => securityWatchSettings.setValue(next)).catch(ignoreWhenFull);
}

export function SecuritySettings() {
  const stored = useStorageItem(securityWatchSettings);
  if (!stored) return null;
  const settings = normalizeSecuritySettings(stored);
  const off = !settings.enabled;
  const timeZone = browserTimeZone();
  const hourSelect = (label: string, value: number, min: number, max: number, set: (hour: number) => SecurityWatchSettings['usualHours']) => (
    <label>
      {label}{' '}
      <select
        value={String(value)}
        disabled={off}
        onChange={(event) => {
          const hour = Number(event.currentTarget.value);
          void update((current) => ({ ...current, usualHours: set(hour) }));
        }}
      >
        {HOURS.filter((hour) => hour >= min && hour <= max).map((hour) => (
          <option key={hour} value={String(hour)}>
            {String(hour).padStart(2, '0')}:00
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div class="security-settings">
      <label>
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            void update((current) => ({ ...current, enabled }));
          }}
        />
        Watch the organization's audit log and API keys
      </label>
      <p class="hint">
        On every refresh the extension reads what is new in the audit log (one request when nothing happened), the admin keys,
        and now and then each project's API keys and the spend limit. The popup then lists the last 30 days of events that
        matter, keys that look neglected or out of place, and the organization's security posture. The audit log names members
        by e-mail and IP address; it stays on this computer. Audit logging itself is switched on by an organization owner, never
        by the extension.
      </p>
      <fieldset disabled={off}>
        <legend>Notify me when</legend>
        {NOTICE_LABELS.map(([kind, label]) => (
          <label key={kind} class="block">
            <input
              type="checkbox"
              checked={settings.notify[kind]}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                void update((current) => ({ ...current, notify: { ...current.notify, [kind]: checked } }));
              }}
            />
            {label}
          </label>
        ))}
        <p class="hint">Each event is announced once; the badge shows "!" until you open the popup.</p>
      </fieldset>
      <fieldset disabled={off}>
        <legend>My usual hours</legend>
        {hourSelect('From', settings.usualHours.startHour, 0, 23, (startHour) => ({ ...settings.usualHours, startHour }))}{' '}
        {hourSelect('to', settings.usualHours.endHour, 0, 24, (endHour) => ({ ...settings.usualHours, endHour }))}{' '}
        <label>
          <input
            type="checkbox"
            checked={settings.usualHours.weekends}
            onChange={(event) => {
              const weekends = event.currentTarget.checked;
              void update((current) => ({ ...current, usualHours: { ...current.usualHours, weekends } }));
            }}
          />
          including weekends
        </label>
        <p class="hint" data-testid="usual-hours">
          Usual hours: {describeUsualHours(settings.usualHours, timeZone)}. A key created at any other time is announced.
        </p>
      </fieldset>
      <label>
        A key is unused after{' '}
        <input
          type="number"
          min={MIN_UNUSED_DAYS}
          max={MAX_UNUSED_DAYS}
          step="1"
          disabled={off}
          aria-label="Days without use before a key counts as unused"
          value={String(settings.unusedDays)}
          onChange={(event) => {
            const days = Number(event.currentTarget.value);
            if (Number.isInteger(days) && days >= MIN_UNUSED_DAYS && days <= MAX_UNUSED_DAYS) {
              void update((current) => ({ ...current, unusedDays: days }));
            }
          }}
        />{' '}
        days ({MIN_UNUSED_DAYS}–{MAX_UNUSED_DAYS})
      </label>
    </div>
  );
}
