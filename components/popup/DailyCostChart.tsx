import { useState } from 'preact/hooks';
import type { DailyCost } from '../../lib/usage/summarize-usage';
import { formatMoney, formatUtcDay } from '../../lib/core/format';

const WIDTH = 300;
const HEIGHT = 72;
/** Room on the left for the amount axis and below for the day axis. */
const LEFT = 44;
const BOTTOM = 14;
const GAP = 2;

/**
 * One bar per UTC day, today last, with an amount axis (0 and the highest day) and a day
 * axis. Hovering or focusing a bar shows its UTC day and amount; the bars are one tab stop
 * (arrow keys move between them), and the same figures are in a table below for readers
 * that do not use the chart. Days after `completeThrough` (costs still arriving) are drawn
 * faint, so they never read as final.
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
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(daily.length - 1);
  const pending = daily.filter((day) => day.startTime > completeThrough).length;
  const max = Math.max(0, ...daily.map((day) => day.costMicros));
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM;
  const step = plotWidth / Math.max(1, daily.length);
  const barWidth = Math.max(1, step - GAP);
  const money = (micros: number) => formatMoney(micros, currency);
  const title = (day: DailyCost) => `${day.day}: ${money(day.costMicros)}`;
  const label = (day: DailyCost) => `${day.day} UTC: ${money(day.costMicros)}`;
  const shown = active === null ? null : daily[active];
  const first = daily[0];
  const last = daily.at(-1);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -daily.length, End: daily.length };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = Math.min(daily.length - 1, Math.max(0, focusIndex + move));
    setFocusIndex(next);
    setActive(next);
    (event.currentTarget as SVGElement).querySelector<SVGRectElement>(`[data-index="${next}"]`)?.focus();
  };

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="group"
        aria-label={`Daily cost, last ${daily.length} UTC days; highest ${money(max)}; complete through ${formatUtcDay(completeThrough)}. Arrow keys move between days.`}
        onKeyDown={onKeyDown}
        onMouseLeave={() => setActive(null)}
      >
        <line x1={LEFT} y1={0.5} x2={WIDTH} y2={0.5} class="chart-grid" />
        <line x1={LEFT - 0.5} y1={0} x2={LEFT - 0.5} y2={plotHeight} class="chart-axis" />
        <line x1={LEFT} y1={plotHeight - 0.5} x2={WIDTH} y2={plotHeight - 0.5} class="chart-axis" />
        <text x={LEFT - 4} y={8} text-anchor="end" class="chart-tick" aria-hidden="true">
          {money(max)}
        </text>
        <text x={LEFT - 4} y={plotHeight} text-anchor="end" class="chart-tick" aria-hidden="true">
          {money(0)}
        </text>
        {first && (
          <text x={LEFT} y={HEIGHT - 2} class="chart-tick" aria-hidden="true">
            {formatUtcDay(first.startTime)}
          </text>
        )}
        {last && (
          <text x={WIDTH} y={HEIGHT - 2} text-anchor="end" class="chart-tick" aria-hidden="true">
            {formatUtcDay(last.startTime)} (today)
          </text>
        )}
        {/* Below the bars: hovering the empty space above a bar shows that day too. */}
        {daily.map((day, i) => (
          <rect
            key={`hit-${day.day}`}
            x={LEFT + i * step}
            y={0}
            width={step}
            height={plotHeight}
            fill="transparent"
            aria-hidden="true"
            onMouseEnter={() => setActive(i)}
          />
        ))}
        {daily.map((day, i) => {
          // A day with any spend keeps a visible sliver, so it never reads as zero.
          const height = max === 0 || day.costMicros <= 0 ? 0 : Math.max(1.5, (day.costMicros / max) * (plotHeight - 4));
          return (
            <rect
              key={day.day}
              data-day={day.day}
              data-index={i}
              role="img"
              aria-label={label(day)}
              tabIndex={i === focusIndex ? 0 : -1}
              class={`chart-bar${i === daily.length - 1 ? ' chart-today' : ''}${day.startTime > completeThrough ? ' chart-pending' : ''}`}
              x={LEFT + i * step + GAP / 2}
              // Empty days keep a full-height invisible target, so every day can be hovered.
              y={HEIGHT - BOTTOM - Math.max(height, 0)}
              width={barWidth}
              height={height}
              onMouseEnter={() => setActive(i)}
              onFocus={() => {
                setFocusIndex(i);
                setActive(i);
              }}
              onBlur={() => setActive(null)}
            >
              <title>{title(day)}</title>
            </rect>
          );
        })}
      </svg>
      {shown && active !== null && (
        <div
          class="chart-tooltip"
          data-testid="chart-tooltip"
          aria-hidden="true"
          style={{ left: `${((LEFT + (active + 0.5) * step) / WIDTH) * 100}%` }}
        >
          {label(shown)}
        </div>
      )}
      {first && last && pending > 0 && (
        <figcaption class="chart-caption">
          <span data-testid="chart-pending">
            faint: {pending === 1 ? 'today' : `last ${pending} days`}, costs still arriving
          </span>
        </figcaption>
      )}
      <details class="chart-table">
        <summary>Daily cost as a table</summary>
        <table data-testid="chart-table">
          <thead>
            <tr>
              <th scope="col">UTC day</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                <td>
                  {money(day.costMicros)}
                  {day.startTime > completeThrough ? ' (incomplete)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
