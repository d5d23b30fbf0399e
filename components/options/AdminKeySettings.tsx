import { guardWrite, ignoreWhenFull } from '../../lib/storage/storage-problems';
import { useEffect, useState } from 'preact/hooks';
import type { KeyAccess } from '../../lib/admin-api/client';
import { adminKeyRetention, MIN_REFRESH_MINUTES, usageGlanceSettings, type UsageGlanceSettings } from '../../lib/storage/settings';
import { formatDate, formatDateTime, formatMoney } from '../../lib/core/format';
import { ADMIN_KEYS_URL } from '../../lib/usage/display';
import { getStoredAdminKey, redactKey, type KeyRetention } from '../../lib/storage/key-store';
import { usageGlanceMessenger, type KeyVerification } from '../../lib/messaging/messages';
import { MoneyInput } from '../ui/MoneyInput';
import { ProjectPicker } from '../ui/ProjectPicker';
import { useStorageItem } from '../ui/useStorageItem';
import { describeError } from '../../lib/core/describe-error';
import { clockNow } from '../../lib/core/clock';

/** The stored key as options shows it: never the key itself. */
export interface AdminKeyView {
  redacted: string;
  savedAt: number;
  access: KeyAccess;
  projects: { id: string; name: string | null }[] | null;
  /** Where this key is kept now. */
  retention: KeyRetention;
  /** Kept for the session, but a copy is still on disk (a move cut short; the worker finishes it). */
  leftOnDisk?: boolean;
  /** Epoch ms; null: OpenAI says it does not expire; absent: OpenAI did not say. */
  expiresAt?: number | null;
}

interface Props {
  stored: AdminKeyView | null;
  /** Where the user wants keys kept (applies to the stored key and the next one saved). */
  retention: KeyRetention;
  settings: UsageGlanceSettings;
  onSave(key: string): Promise<KeyVerification>;
  onRemove(): Promise<void>;
  onRetentionChange(next: KeyRetention): Promise<void>;
  onSettingsChange(next: UsageGlanceSettings): void;
}

const RETENTION_CHOICES: { value: KeyRetention; label: string; hint: string }[] = [
  {
    value: 'device',
    label: 'Keep it on this device',
    hint: "In the extension's database in your browser profile: it stays across browser restarts until you remove it.",
  },
  {
    value: 'session',
    label: 'Forget the key when the browser closes',
    hint: "Only in the browser's memory (the extension's session storage, which only its own pages and background worker can open): you paste it again after the browser restarts or the extension updates.",
  },
];

function retentionInForce(stored: AdminKeyView | null, retention: KeyRetention): string {
  if (stored) {
    if (stored.retention === 'session' && stored.leftOnDisk) {
      return "Not yet in force: a copy of this key is still on this device's disk. The extension removes it when the browser next starts; choose the option again to retry now.";
    }
    return stored.retention === 'session'
      ? 'In force: this key is forgotten when the browser closes.'
      : 'In force: this key is kept on this device until you remove it.';
  }
  return retention === 'session'
    ? 'No key is stored. The next key you save will be forgotten when the browser closes.'
    : 'No key is stored. The next key you save will be kept on this device until you remove it.';
}

function expiryText(expiresAt: number | null | undefined): string {
  if (expiresAt === undefined) {
    return 'OpenAI did not say when this key expires (the key may not be allowed to list admin keys), so the popup cannot warn before it does.';
  }
  if (expiresAt === null) return 'OpenAI says this key never expires. A key with an expiry limits the harm if it ever leaks.';
  const date = formatDate(expiresAt);
  return `${expiresAt <= clockNow() ? 'Expired' : 'Expires'} on ${date}; the popup warns two weeks before.`;
}

type Outcome = { tone: 'ok' | 'error'; text: string; access?: KeyAccess | null } | null;

const ACCESS_LABELS: [keyof KeyAccess, string][] = [
  ['canReadCosts', 'costs'],
  ['canReadUsage', 'token usage'],
  ['canListProjects', 'the project list'],
];

function AccessList({ access }: { access: KeyAccess }) {
  return (
    <ul class="key-access" data-testid="key-access">
      {ACCESS_LABELS.map(([field, label]) => (
        <li key={field} class={access[field] ? 'health-active' : 'health-error'}>
          {access[field] ? `Can read ${label}` : `Cannot read ${label}`}
        </li>
      ))}
    </ul>
  );
}

export function AdminKeySettings({ stored, retention, settings, onSave, onRemove, onRetentionChange, onSettingsChange }: Props) {
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    const key = draft.trim();
    if (!key.startsWith('sk-admin-')) {
      setOutcome({
        tone: 'error',
        text: key.startsWith('sk-')
          ? 'This is a project API key. The usage glance needs an admin key, which starts with "sk-admin-".'
          : 'Paste an admin key: it starts with "sk-admin-".',
      });
      return;
    }
    setPending(true);
    setOutcome(null);
    try {
      const result = await onSave(key);
      if (result.ok) {
        setDraft('');
        setOutcome({ tone: 'ok', text: 'Verified and saved. Usage figures are being fetched.' });
      } else {
        setOutcome({ tone: 'error', text: `Not saved. ${result.failure.userMessage}`, access: result.access });
      }
    } catch (error) {
      setOutcome({ tone: 'error', text: `Not saved: ${describeError(error)}` });
    } finally {
      setPending(false);
    }
  };

  const remove = async () => {
    await onRemove();
    setOutcome({ tone: 'ok', text: 'The admin key and the usage figures were removed.' });
  };

  const projects = stored?.projects ?? [];
  return (
    <div class="admin-key">
      <p class="hint">
        The usage glance reads costs and token usage with an OpenAI admin key (organization owners can create one
        under{' '}
        <a href={ADMIN_KEYS_URL} target="_blank" rel="noreferrer">
          Organization settings → Admin keys
        </a>
        ). The key is kept in this extension&apos;s own database in your browser profile, or only in the
        browser&apos;s memory if you choose so below; web pages and the extension&apos;s scripts on platform.openai.com
        can read neither. Kept on this device, it stays across browser restarts until you remove it. It is sent only
        to https://api.openai.com.
      </p>
      <p class="hint" data-testid="key-recommendation">
        Use a read-only admin key with an expiry: when you create it, choose the Read only permission and an expiry
        date. The extension only reads, and a key that expires limits the harm if it ever leaks.
      </p>

      <fieldset class="key-retention">
        <legend>Where the key is kept</legend>
        {RETENTION_CHOICES.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name="key-retention"
              value={choice.value}
              checked={retention === choice.value}
              onChange={() => void onRetentionChange(choice.value)}
            />
            <span>
              {choice.label}
              <span class="hint"> {choice.hint}</span>
            </span>
          </label>
        ))}
        <p data-testid="key-retention">{retentionInForce(stored, retention)}</p>
        <p class="hint" data-testid="key-not-encrypted">
          Either way the stored key is not encrypted: anyone who can read your browser profile&apos;s files (or, while the
          browser runs, its memory) can read the key.
        </p>
      </fieldset>

      {stored ? (
        <div class="key-stored" data-testid="key-stored">
          <p>
            Key <code>{stored.redacted}</code>, verified {formatDateTime(stored.savedAt)}.
          </p>
          <AccessList access={stored.access} />
          <p data-testid="key-expiry">{expiryText(stored.expiresAt)}</p>
          {stored.projects === null ? (
            <p class="hint">It may not list projects, so projects appear by id only.</p>
          ) : (
            <p data-testid="key-projects">
              Sees {stored.projects.length} project{stored.projects.length === 1 ? '' : 's'}:{' '}
              {stored.projects.map((project) => project.name ?? project.id).join(', ')}
            </p>
          )}
          <button type="button" onClick={() => void remove()}>
            Remove key
          </button>
        </div>
      ) : null}

      <form class="key-form" onSubmit={(event) => void save(event)}>
        <label>
          {stored ? 'Replace with another admin key' : 'Admin key'}
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="sk-admin-…"
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={pending || draft.trim() === ''}>
          {pending ? 'Verifying…' : 'Verify and save'}
        </button>
      </form>
      {outcome && (
        <div class={outcome.tone === 'ok' ? 'key-outcome health-active' : 'key-outcome health-error'} role="status" data-testid="key-outcome">
          <p>{outcome.text}</p>
          {outcome.access && <AccessList access={outcome.access} />}
        </div>
      )}

      <div class="glance-settings">
        <label>
          Refresh every
          <input
            type="number"
            min={MIN_REFRESH_MINUTES}
            step={1}
            value={settings.refreshMinutes}
            onChange={(event) => {
              const minutes = Math.round(Number(event.currentTarget.value));
              if (Number.isFinite(minutes) && minutes >= MIN_REFRESH_MINUTES) onSettingsChange({ ...settings, refreshMinutes: minutes });
            }}
          />
          minutes
        </label>
        <label>
          Badge shows today&apos;s spend of
          <ProjectPicker
            organizationLabel="the whole organization"
            projects={projects}
            value={settings.badgeScope}
            onChange={(badgeScope) => onSettingsChange({ ...settings, badgeScope })}
          />
        </label>
        <label>
          Badge turns red above $
          <MoneyInput
            label="Daily threshold in dollars"
            placeholder="no limit"
            micros={settings.dailyThresholdMicros}
            onChange={(dailyThresholdMicros) => onSettingsChange({ ...settings, dailyThresholdMicros })}
          />
          a day (UTC)
          {settings.dailyThresholdMicros !== null && (
            <span class="hint"> currently {formatMoney(settings.dailyThresholdMicros, 'USD')}</span>
          )}
        </label>
      </div>
    </div>
  );
}

function toView(stored: Awaited<ReturnType<typeof getStoredAdminKey>>): AdminKeyView | null {
  if (!stored) return null;
  const { record, retention, leftOnDisk } = stored;
  return {
    redacted: redactKey(record.key),
    savedAt: record.savedAt,
    access: record.access,
    projects: record.projects,
    retention,
    leftOnDisk,
    ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }),
  };
}

/** Options' admin key section: the key from the extension's storage, the rest through the worker. */
export function AdminKeySection() {
  const settings = useStorageItem(usageGlanceSettings);
  const retention = useStorageItem(adminKeyRetention);
  const [stored, setStored] = useState<AdminKeyView | null | undefined>(undefined);
  const reload = () => getStoredAdminKey().then((record) => setStored(toView(record)));

  useEffect(() => {
    void reload();
  }, []);

  if (stored === undefined || settings === undefined || retention === undefined) return null;
  return (
    <AdminKeySettings
      stored={stored}
      retention={retention}
      settings={settings}
      onSave={async (key) => {
        const result = await usageGlanceMessenger.sendMessage('saveAdminKey', key);
        await reload();
        return result;
      }}
      onRemove={async () => {
        await usageGlanceMessenger.sendMessage('removeAdminKey', undefined);
        await reload();
      }}
      onRetentionChange={async (next) => {
        // A move that fails part-way is shown as it stands (reload reads where the key really is).
        await usageGlanceMessenger.sendMessage('setKeyRetention', next).catch((error: unknown) => console.warn('[refined-openai-platform] key not moved:', error));
        await reload();
      }}
      onSettingsChange={(next) => void guardWrite('sync', 'the usage glance settings', () => usageGlanceSettings.setValue(next)).catch(ignoreWhenFull)}
    />
  );
}
