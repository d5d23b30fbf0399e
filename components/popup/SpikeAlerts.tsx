import { PLATFORM_ORIGIN } from '../../lib/platform/adapter';
import type { SpikeNotice } from '../../lib/spike-alerts/notice';

/** The spikes that turned the badge red, shown once in the popup that acknowledges them. */
export function SpikeAlerts({ spikes }: { spikes: readonly SpikeNotice[] }) {
  if (spikes.length === 0) return null;
  return (
    <section class="banner banner-error spike-alerts" aria-label="Spend spikes">
      {spikes.map((spike) => (
        <p key={spike.id}>
          <strong>{spike.title}</strong> {spike.message}
        </p>
      ))}
      <p>
        <a href={`${PLATFORM_ORIGIN}/usage`} target="_blank" rel="noreferrer">
          Open the Usage page
        </a>{' '}
        to see what happened; if you don't recognize it, check the project's API keys.
      </p>
    </section>
  );
}
