import { useEffect, useState } from 'preact/hooks';
import type { KeyAccess } from '../../lib/admin-api/client';
import { MIN_REFRESH_MINUTES, usageGlanceSettings, type UsageGlanceSettings } from '../../lib/settings/settings';
import { formatMoney, toMicros } from '../../lib/usage/money';
import { ADMIN_KEYS_URL } from '../../lib/usage/display';
import { getAdminKey, redactKey } from '../../lib/background/key-store';
import { usageGlanceMessenger, type KeyVerification } from '../../lib/background/messages';
import { useStorageItem } from '../shared/useStorageItem';

/** The stored key as options shows it: never the key itself. */
export interface AdminKeyView {
  redacted: string;
  savedAt: number;
  access: KeyAccess;
  projects: { id: string; name: string | null }[] | null;
}

interface Props {
  stored: AdminKeyView | null;
  settings: UsageGlanceSettings;
  onSave(key: string): Promise<KeyVerification>;
  onRemove(): Promise<void>;
  onSettingsChange(next: UsageGlanceSettings): void;
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

export function AdminKeySettings({ stored, settings, onSave, onRemove, onSettingsChange }: Props) {
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
      setOutcome({ tone: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
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
        ). The key is kept in this extension&apos;s own database in your browser profile, which web pages and the
        extension&apos;s scripts on platform.openai.com cannot read. It stays there across browser restarts until you
        remove it, and it is sent only to https://api.openai.com.
      </p>

      {stored ? (
        <div class="key-stored" data-testid="key-stored">
          <p>
            Key <code>{stored.redacted}</code>, verified {new Date(stored.savedAt).toLocaleString()}.
          </p>
          <AccessList access={stored.access} />
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
          <select
            value={settings.badgeScope}
            onChange={(event) => onSettingsChange({ ...settings, badgeScope: event.currentTarget.value })}
          >
            <option value="organization">the whole organization</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name ?? project.id}
              </option>
            ))}
            {settings.badgeScope !== 'organization' && !projects.some((project) => project.id === settings.badgeScope) && (
              <option value={settings.badgeScope}>{settings.badgeScope}</option>
            )}
          </select>
        </label>
        <label>
          Badge turns red above $
          <input
            type="text"
            inputMode="decimal"
            placeholder="no limit"
            aria-label="Daily threshold in dollars"
            value={settings.dailyThresholdMicros === null ? '' : String(settings.dailyThresholdMicros / 1_000_000)}
            onChange={(event) => {
              const text = event.currentTarget.value.trim();
              const dollars = Number(text);
              if (text === '') onSettingsChange({ ...settings, dailyThresholdMicros: null });
              else if (Number.isFinite(dollars) && dollars >= 0) onSettingsChange({ ...settings, dailyThresholdMicros: toMicros(dollars) });
            }}
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

function toView(stored: Awaited<ReturnType<typeof getAdminKey>>): AdminKeyView | null {
  return stored && { redacted: redactKey(stored.key), savedAt: stored.savedAt, access: stored.access, projects: stored.projects };
}

/** Options' admin key section: the key from the extension's database, the rest through the worker. */
export function AdminKeySection() {
  const settings = useStorageItem(usageGlanceSettings);
  const [stored, setStored] = useState<AdminKeyView | null | undefined>(undefined);
  const reload = () => getAdminKey().then((record) => setStored(toView(record)));

  useEffect(() => {
    void reload();
  }, []);

  if (stored === undefined || settings === undefined) return null;
  return (
    <AdminKeySettings
      stored={stored}
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
      onSettingsChange={(next) => void usageGlanceSettings.setValue(next)}
    />
  );
}
