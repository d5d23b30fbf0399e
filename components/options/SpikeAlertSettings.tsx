import { spikeAlertSettings, type SpikeAlertSettings as Settings, type SpikeSignalSwitches } from '../../lib/storage/settings';
import { guardWrite, ignoreWhenFull } from '../../lib/storage/storage-problems';
import { newProjectLimitsOf, type NewProjectLimits, type Sensitivity } from '../../lib/spike-alerts/detect';
import { usageProjects } from '../../lib/storage/api-records';
import { MoneyInput } from '../ui/MoneyInput';
import { useStorageItem } from '../ui/useStorageItem';

const SENSITIVITIES: [Sensitivity, string][] = [
  ['high', 'High: about 2× the usual is enough'],
  ['medium', 'Medium: about 3× the usual'],
  ['low', 'Low: only about 5× the usual or more'],
];

/** A write refused for storage.sync's quota is said at the top of options (StorageProblemNotice). */
async function update(patch: Partial<Settings>) {
  const next = { ...(await spikeAlertSettings.getValue()), ...patch };
  await guardWrite('sync', 'the spike alert settings (daily spend caps)', () => spikeAlertSettings.setValue(next)).catch(ignoreWhenFull);
}

const SIGNALS: [signal: keyof SpikeSignalSwitches, label: string][] = [
  ['newModel', 'A model the project has not used in the previous 14 days suddenly carries traffic'],
  ['tokensPerRequest', 'Tokens per request jump (a runaway prompt or context)'],
  ['newBusyKey', 'A key created in the last day is already among the project’s busiest'],
];

/** A whole count typed by the user; empty or invalid turns the limit off. */
function countFromInput(text: string): number | null {
  const count = Number(text);
  return text.trim() !== '' && Number.isFinite(count) && count > 0 ? Math.round(count) : null;
}

const NEW_PROJECT_COUNTS: [metric: Exclude<keyof NewProjectLimits, 'spend'>, label: string][] = [
  ['requests', 'Requests per hour'],
  ['tokens', 'Tokens per hour'],
];

export function SpikeAlertSettings() {
  const settings = useStorageItem(spikeAlertSettings);
  const names = useStorageItem(usageProjects);
  if (!settings) return null;

  const setCap = (projectId: string, cap: number | null) => {
    const { [projectId]: _previous, ...rest } = settings.dailySpendCapsMicros;
    void update({ dailySpendCapsMicros: cap === null ? rest : { ...rest, [projectId]: cap } });
  };

  const limits = newProjectLimitsOf(settings);
  const setLimit = (metric: keyof NewProjectLimits, value: number | null) => void update({ newProjectLimits: { ...limits, [metric]: value } });
  const setSignal = (signal: keyof SpikeSignalSwitches, on: boolean) => void update({ signals: { ...settings.signals, [signal]: on } });

  return (
    <div class="spike-settings">
      <label>
        <input type="checkbox" checked={settings.enabled} onChange={(event) => void update({ enabled: event.currentTarget.checked })} />
        Notify me when a project's spend or requests jump
      </label>
      <p class="hint">
        On every refresh the extension compares each project's spend per day, and its requests and tokens per hour,
        with the same hour or day over the previous 14 days (median and spread, so one odd day does not skew it). A
        sudden jump, such as a leaked key or an abused endpoint, raises one notification and turns the badge red until you
        open the popup. It cannot see what OpenAI has not reported yet: the Admin API's figures lag by minutes to hours.
        Slow growth is not flagged. A project with under three days of history has nothing to compare with (a new
        project, or an idle one when the key may not list projects): it is held to the limits for new projects below,
        and to its cap. Hours and days are the API&apos;s, whatever this computer&apos;s clock says.
      </p>
      <label>
        Sensitivity{' '}
        <select
          value={settings.sensitivity}
          disabled={!settings.enabled}
          onChange={(event) => void update({ sensitivity: event.currentTarget.value as Sensitivity })}
        >
          {SENSITIVITIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="spike-signals" disabled={!settings.enabled}>
        <legend class="hint">Also notify when, judged against the same 14 days:</legend>
        {SIGNALS.map(([signal, label]) => (
          <label key={signal}>
            <input type="checkbox" checked={settings.signals[signal]} onChange={(event) => setSignal(signal, event.currentTarget.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
      <h3>New projects (under three days of history)</h3>
      <fieldset class="spike-new-project" disabled={!settings.enabled}>
        <legend class="hint">Alert when a project this new reaches (leave empty for no alert):</legend>
        <label>
          <span>Spend per UTC day</span> ${' '}
          <MoneyInput
            label="New-project limit: Spend per UTC day"
            micros={limits.spend}
            allowZero={false}
            placeholder="no alert"
            onChange={(micros) => setLimit('spend', micros)}
          />
        </label>
        {NEW_PROJECT_COUNTS.map(([metric, label]) => (
          <label key={metric}>
            <span>{label}</span>
            <input
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              aria-label={`New-project limit: ${label}`}
              placeholder="no alert"
              value={limits[metric] === null ? '' : String(limits[metric])}
              onChange={(event) => setLimit(metric, countFromInput(event.currentTarget.value))}
            />
          </label>
        ))}
      </fieldset>
      <h3>Daily spend caps</h3>
      {names && names.projects.length > 0 ? (
        <fieldset class="spike-caps-fields" disabled={!settings.enabled}>
          <legend class="hint">Alert when a project's spend in a UTC day reaches (leave empty for no cap):</legend>
          <ul class="spike-caps">
            {names.projects.map((project) => (
              <li key={project.id}>
                <label>
                  <span>{project.name ?? project.id}</span> ${' '}
                  <MoneyInput
                    label={`Daily spend cap for ${project.name ?? project.id} in dollars`}
                    micros={settings.dailySpendCapsMicros[project.id] ?? null}
                    allowZero={false}
                    placeholder="no cap"
                    onChange={(micros) => setCap(project.id, micros)}
                  />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <p class="hint">Projects appear here after the first refresh with an admin key.</p>
      )}
      <h3>Spend limits in the popup</h3>
      <label>
        <input
          type="checkbox"
          checked={settings.flagUnlimitedSpend}
          onChange={(event) => void update({ flagUnlimitedSpend: event.currentTarget.checked })}
        />
        Flag projects that spend with no monthly spend limit, and spend in the Default project (which cannot be limited)
      </label>
    </div>
  );
}
