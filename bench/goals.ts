/**
 * A goal as the benches print it: the figure, the goal, and "within" or "OVER", so a goal
 * missed is seen in the output, not only in the numbers.
 */
export function goal(value: number, { atMost, atLeast, digits = 2, unit = '' }: { atMost?: number; atLeast?: number; digits?: number; unit?: string }): string {
  const within = (atMost === undefined || value <= atMost) && (atLeast === undefined || value >= atLeast);
  const bound = atMost !== undefined ? `≤ ${atMost}` : `≥ ${atLeast}`;
  return `${value.toFixed(digits)}${unit} (goal ${bound}${unit}: ${within ? 'within' : 'OVER'})`;
}
