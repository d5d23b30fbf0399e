import { formatMoney } from '../../lib/usage/money';
import { utcDayLabel } from '../../lib/usage/display';
import type { DailyCost } from '../../lib/usage/summarize-usage';

const WIDTH = 300;
const HEIGHT = 64;
const GAP = 2;

/**
 * One bar per UTC day, today last; each bar's tooltip gives the day and amount. Days after
 * `completeThrough` (costs still arriving) are drawn faint, so they never read as final.
 */
export function DailyCostChart({
  daily,
  currency,
  completeThrough,
}: {
  daily: readonly DailyCost[];
  currency: string;
  /** Start (Unix seconds) of the newest UTC day whose costs are complete. */
  completeThrough: number;
}) {
  const pending = daily.filter((day) => day.startTime > completeThrough).length;
  const max = Math.max(0, ...daily.map((day) => day.costMicros));
  const barWidth = WIDTH / daily.length - GAP;
  const first = daily[0];
  const last = daily.at(-1);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`Daily cost, last ${daily.length} UTC days; highest ${formatMoney(max, currency)}; complete through ${utcDayLabel(completeThrough)}`}
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} class="chart-axis" />
        {daily.map((day, i) => {
          // A day with any spend keeps a visible sliver, so it never reads as zero.
          const height = max === 0 || day.costMicros <= 0 ? 0 : Math.max(1.5, (day.costMicros / max) * (HEIGHT - 4));
          return (
            <rect
              key={day.day}
              data-day={day.day}
              class={`chart-bar${i === daily.length - 1 ? ' chart-today' : ''}${day.startTime > completeThrough ? ' chart-pending' : ''}`}
              x={i * (barWidth + GAP)}
              y={HEIGHT - height}
              width={barWidth}
              height={height}
            >
              <title>{`${day.day}: ${formatMoney(day.costMicros, currency)}`}</title>
            </rect>
          );
        })}
      </svg>
      {first && last && (
        <figcaption class="chart-caption">
          <span>{first.day}</span>
          {pending > 0 && (
            <span data-testid="chart-pending">
              faint: {pending === 1 ? 'today' : `last ${pending} days`}, costs still arriving
            </span>
          )}
          <span>today</span>
        </figcaption>
      )}
    </figure>
  );
}
