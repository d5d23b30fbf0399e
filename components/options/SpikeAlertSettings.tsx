import { spikeAlertSettings, type SpikeAlertSettings as Settings } from '../../lib/settings/settings';
import { newProjectLimitsOf, type NewProjectLimits, type Sensitivity } from '../../lib/spike-alerts/detect';
import { usageProjects } from '../../lib/background/storage';
import { useStorageItem } from '../shared/useStorageItem';

const SENSITIVITIES: [Sensitivity, string][] = [
  ['high', 'High: about 2× the usual is enough'],
  ['medium', 'Medium: about 3× the usual'],
  ['low', 'Low: only about 5× the usual or more'],
];

async function update(patch: Partial<Settings>) {
  await spikeAlertSettings.setValue({ ...(await spikeAlertSettings.getValue()), ...patch });
}

/** Dollars typed by the user, as micro-units; empty or invalid removes the cap. */
function capFromInput(text: string): number | null {
  const dollars = Number(text);
  return text.trim() !== '' && Number.isFinite(dollars) && dollars > 0 ? Math.round(dollars * 1_000_000) : null;
}

/** A whole count typed by the user; empty or invalid turns the limit off. */
function countFromInput(text: string): number | null {
  const count = Number(text);
  return text.trim() !== '' && Number.isFinite(count) && count > 0 ? Math.round(count) : null;
}

const NEW_PROJECT_FIELDS: [metric: keyof NewProjectLimits, label: string, unit: string][] = [
  ['spend', 'Spend per UTC day', '$'],
  ['requests', 'Requests per hour', ''],
  ['tokens', 'Tokens per hour', ''],
];

export function SpikeAlertSettings() {
  const settings = useStorageItem(spikeAlertSettings);
  const names = useStorageItem(usageProjects);
  if (!settings) return null;

  const setCap = (projectId: string, text: string) => {
    const { [projectId]: _previous, ...rest } = settings.dailySpendCapsMicros;
    const cap = capFromInput(text);
    void update({ dailySpendCapsMicros: cap === null ? rest : { ...rest, [projectId]: cap } });
  };

  const limits = newProjectLimitsOf(settings);
  const setLimit = (metric: keyof NewProjectLimits, text: string) =>
    void update({ newProjectLimits: { ...limits, [metric]: metric === 'spend' ? capFromInput(text) : countFromInput(text) } });
  const shownLimit = (metric: keyof NewProjectLimits) => {
    const value = limits[metric];
    return value === null ? '' : String(metric === 'spend' ? value / 1_000_000 : value);
  };

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
      <h3>New projects (under three days of history)</h3>
      <fieldset class="spike-new-project" disabled={!settings.enabled}>
        <legend class="hint">Alert when a project this new reaches (leave empty for no alert):</legend>
        {NEW_PROJECT_FIELDS.map(([metric, label, unit]) => (
          <label key={metric}>
            <span>{label}</span> {unit}
            <input
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              aria-label={`New-project limit: ${label}`}
              placeholder="no alert"
              value={shownLimit(metric)}
              onChange={(event) => setLimit(metric, event.currentTarget.value)}
            />
          </label>
        ))}
      </fieldset>
      <h3>Daily spend caps</h3>
      {names && names.projects.length > 0 ? (
        <ul class="spike-caps">
          {names.projects.map((project) => (
            <li key={project.id}>
              <label>
                <span>{project.name ?? project.id}</span> ${' '}
                <input
                  type="number"
                  min="0"
                  step="any"
                  inputMode="decimal"
                  aria-label={`Daily spend cap for ${project.name ?? project.id} in dollars`}
                  placeholder="no cap"
                  disabled={!settings.enabled}
                  value={settings.dailySpendCapsMicros[project.id] === undefined ? '' : String(settings.dailySpendCapsMicros[project.id]! / 1_000_000)}
                  onChange={(event) => setCap(project.id, event.currentTarget.value)}
                />
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">Projects appear here after the first refresh with an admin key.</p>
      )}
    </div>
  );
}
