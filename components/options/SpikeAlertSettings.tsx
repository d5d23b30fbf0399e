import { spikeAlertSettings, type SpikeAlertSettings as Settings } from '../../lib/settings/settings';
import type { Sensitivity } from '../../lib/spike-alerts/detect';
import { usageCache } from '../../lib/background/storage';
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

export function SpikeAlertSettings() {
  const settings = useStorageItem(spikeAlertSettings);
  const cache = useStorageItem(usageCache);
  if (!settings) return null;

  const setCap = (projectId: string, text: string) => {
    const { [projectId]: _previous, ...rest } = settings.dailySpendCapsMicros;
    const cap = capFromInput(text);
    void update({ dailySpendCapsMicros: cap === null ? rest : { ...rest, [projectId]: cap } });
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
        Slow growth is not flagged, and a project with under three days of history is judged only by the cap you set here.
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
      <h3>Daily spend caps</h3>
      {cache && cache.projects.length > 0 ? (
        <ul class="spike-caps">
          {cache.projects.map((project) => (
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
