import { guardWrite, ignoreWhenFull } from '../../lib/storage/storage-problems';
import { useEffect, useState } from 'preact/hooks';
import type { KeyAccess } from '../../lib/admin-api/client';
import { adminKeyRetention, MIN_REFRESH_MINUTES, usageGlanceSettings, type UsageGlanceSettings } from '../../lib/storage/settings';
import { formatDate, formatDateTime, formatMoney } from '../../lib/core/format';
import { ADMIN_KEYS_URL } from '../../lib/usage/display';
import { listStoredAdminKeys, redactKey, type KeyOrganization, type KeyRetention, type StoredKeyEntry } from '../../lib/storage/key-store';
import { usageGlanceMessenger, type KeyVerification, type SaveKeyRequest } from '../../lib/messaging/messages';
import { platformTabOrganization, type TabOrganization } from './tab-organization';
import { MoneyInput } from '../ui/MoneyInput';
import { ProjectPicker } from '../ui/ProjectPicker';
import { useStorageItem } from '../ui/useStorageItem';
import { describeError } from '../../lib/core/describe-error';
import { clockNow } from '../../lib/core/clock';

/** A stored key as options shows it: never the key itself. */
export interface AdminKeyView {
  organization: KeyOrganization;
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
  /** One per organization, oldest first: the first is the one the usage glance reads. */
  stored: AdminKeyView[];
  /** Where the user wants the next key kept. */
  retention: KeyRetention;
  tabOrganization: TabOrganization | null;
  /** Asks the platform tabs again (a tab opened, or its page settled, since options opened); its answer replaces tabOrganization. */
  findTabOrganization?(): Promise<TabOrganization | null>;
  settings: UsageGlanceSettings;
  onSave(request: SaveKeyRequest): Promise<KeyVerification>;
  onRemove(organizationId: string): Promise<void>;
  /** null: the next key saved. */
  onRetentionChange(organizationId: string | null, next: KeyRetention): Promise<void>;
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

const NAMED_FROM: Record<KeyOrganization['namedFrom'], string> = {
  tab: 'named after the platform.openai.com tab it was verified from',
  user: 'named by you',
  'earlier-version': 'the key saved before the extension knew several organizations',
};

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

export function AdminKeySettings({
  stored,
  retention,
  tabOrganization,
  findTabOrganization,
  settings,
  onSave,
  onRemove,
  onRetentionChange,
  onSettingsChange,
}: Props) {
  const [draft, setDraft] = useState('');
  const [organizationName, setOrganizationName] = useState('');
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
    const typed = organizationName.trim();
    // The tab the key is verified from is the one open now, which may not have answered when options opened.
    const tab = typed === '' ? ((await findTabOrganization?.().catch(() => null)) ?? tabOrganization) : null;
    // A name the user typed wins over the tab's: they know which organization the key is for.
    const organization: SaveKeyRequest['organization'] =
      typed !== '' ? { from: 'user', name: typed } : tab ? { from: 'tab', id: tab.id, name: tab.name } : null;
    try {
      const result = await onSave({ key, organization });
      if (result.ok) {
        setDraft('');
        setOrganizationName('');
        setOutcome({ tone: 'ok', text: `Verified and saved for ${result.stored.organization.name}. Usage figures are being fetched.` });
      } else {
        setOutcome({ tone: 'error', text: `Not saved. ${result.failure.userMessage}`, access: result.access });
      }
    } catch (error) {
      setOutcome({ tone: 'error', text: `Not saved: ${describeError(error)}` });
    } finally {
      setPending(false);
    }
  };

  const remove = async (view: AdminKeyView) => {
    await onRemove(view.organization.id);
    setOutcome({ tone: 'ok', text: `The admin key of ${view.organization.name} and what was read with it were removed.` });
  };

  const projects = stored[0]?.projects ?? [];
  return (
    <div class="admin-key">
      <p class="hint">
        The usage glance reads costs and token usage with an OpenAI admin key, one per organization (organization owners
        can create one under{' '}
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

      {stored.length === 0 && <RetentionChoice name="key-retention" stored={null} retention={retention} onChange={(next) => onRetentionChange(null, next)} />}

      {stored.map((view) => (
        <section class="key-stored" data-testid="key-stored" data-organization={view.organization.id} key={view.organization.id} aria-label={view.organization.name}>
          <h3 data-testid="key-organization">{view.organization.name}</h3>
          <p class="hint">{NAMED_FROM[view.organization.namedFrom]}</p>
          <p>
            Key <code>{view.redacted}</code>, verified {formatDateTime(view.savedAt)}.
          </p>
          <AccessList access={view.access} />
          <p data-testid="key-expiry">{expiryText(view.expiresAt)}</p>
          {view.projects === null ? (
            <p class="hint">It may not list projects, so projects appear by id only.</p>
          ) : (
            <p data-testid="key-projects">
              Sees {view.projects.length} project{view.projects.length === 1 ? '' : 's'}:{' '}
              {view.projects.map((project) => project.name ?? project.id).join(', ')}
            </p>
          )}
          <RetentionChoice
            name={`key-retention-${view.organization.id}`}
            stored={view}
            retention={view.retention}
            onChange={(next) => onRetentionChange(view.organization.id, next)}
          />
          <button type="button" onClick={() => void remove(view)}>
            Remove key
          </button>
        </section>
      ))}

      <form class="key-form" onSubmit={(event) => void save(event)}>
        <label>
          {stored.length > 0 ? "Another organization's admin key (or a new key for one above)" : 'Admin key'}
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="sk-admin-…"
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>
        <label>
          Organization name
          <input
            type="text"
            autocomplete="off"
            maxLength={200}
            placeholder={tabOrganization?.name ?? (stored.length === 0 ? 'My organization' : 'required')}
            value={organizationName}
            onInput={(event) => setOrganizationName(event.currentTarget.value)}
          />
        </label>
        <p class="hint" data-testid="key-organization-source">
          {tabOrganization
            ? `Left empty, the key is saved for ${tabOrganization.name}, the organization of your open platform.openai.com tab.`
            : stored.length === 0
              ? 'The Admin API does not say which organization a key belongs to. Left empty, it is saved as "My organization".'
              : 'The Admin API does not say which organization a key belongs to, and no platform.openai.com tab shows one: type its name.'}
        </p>
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
        {stored.length > 1 && (
          <label>
            Badge counts
            <select
              aria-label="Badge organization"
              value={settings.badgeOrganization ?? ''}
              onChange={(event) => {
                const { badgeOrganization: _previous, ...rest } = settings;
                const value = event.currentTarget.value;
                onSettingsChange(value === '' ? rest : { ...rest, badgeOrganization: value });
              }}
            >
              <option value="">{stored[0]!.organization.name} (the first organization)</option>
              <option value="all">all organizations together</option>
              {stored.slice(1).map((view) => (
                <option key={view.organization.id} value={view.organization.id}>
                  {view.organization.name}
                </option>
              ))}
            </select>
          </label>
        )}
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

function RetentionChoice({
  name,
  stored,
  retention,
  onChange,
}: {
  name: string;
  stored: AdminKeyView | null;
  retention: KeyRetention;
  onChange(next: KeyRetention): Promise<void>;
}) {
  return (
    <fieldset class="key-retention">
      <legend>Where the key is kept</legend>
      {RETENTION_CHOICES.map((choice) => (
        <label key={choice.value}>
          <input type="radio" name={name} value={choice.value} checked={retention === choice.value} onChange={() => void onChange(choice.value)} />
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
  );
}

function toView({ record, retention, leftOnDisk }: StoredKeyEntry): AdminKeyView {
  return {
    organization: record.organization,
    redacted: redactKey(record.key),
    savedAt: record.savedAt,
    access: record.access,
    projects: record.projects,
    retention,
    leftOnDisk,
    ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }),
  };
}

/** Options' admin key section: the keys from the extension's storage, the rest through the worker. */
export function AdminKeySection() {
  const settings = useStorageItem(usageGlanceSettings);
  const retentions = useStorageItem(adminKeyRetention);
  const [stored, setStored] = useState<AdminKeyView[] | undefined>(undefined);
  const [tabOrganization, setTabOrganization] = useState<TabOrganization | null>(null);
  const reload = () => listStoredAdminKeys().then((entries) => setStored(entries.map(toView)));

  const findTabOrganization = async () => {
    const found = await platformTabOrganization();
    setTabOrganization(found);
    return found;
  };

  useEffect(() => {
    void reload();
    void findTabOrganization();
    // A platform tab opened or settled while options is open: asked again when options is looked at again.
    const onFocus = () => void findTabOrganization();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  if (stored === undefined || settings === undefined || retentions === undefined) return null;
  return (
    <AdminKeySettings
      stored={stored}
      retention={retentions.next}
      tabOrganization={tabOrganization}
      findTabOrganization={findTabOrganization}
      settings={settings}
      onSave={async (request) => {
        const result = await usageGlanceMessenger.sendMessage('saveAdminKey', request);
        await reload();
        return result;
      }}
      onRemove={async (organizationId) => {
        await usageGlanceMessenger.sendMessage('removeAdminKey', organizationId);
        await reload();
      }}
      onRetentionChange={async (organizationId, retention) => {
        // A move that fails part-way is shown as it stands (reload reads where the key really is).
        await usageGlanceMessenger
          .sendMessage('setKeyRetention', { organizationId, retention })
          .catch((error: unknown) => console.warn('[refined-openai-platform] key not moved:', error));
        await reload();
      }}
      onSettingsChange={(next) => void guardWrite('sync', 'the usage glance settings', () => usageGlanceSettings.setValue(next)).catch(ignoreWhenFull)}
    />
  );
}
