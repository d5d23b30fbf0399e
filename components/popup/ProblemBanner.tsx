import type { RefreshProblem } from '../../lib/usage/cache';
import { describeProblem } from '../../lib/usage/display';

interface Props {
  problem: Exclude<RefreshProblem, { kind: 'no-key' }>;
  retryAt: number | null;
  now: number;
  /** Whether numbers from an earlier refresh are still shown below. */
  hasCache: boolean;
  onOpenOptions(): void;
}

export function ProblemBanner({ problem, retryAt, now, hasCache, onOpenOptions }: Props) {
  const { title, message, fixInOptions } = describeProblem(problem, now, retryAt);
  return (
    <div class="banner banner-error" role="alert" data-testid="problem" data-kind={problem.kind}>
      <strong>{title}</strong>
      <p>{message}</p>
      {hasCache && <p>The figures below are from the last successful refresh.</p>}
      {fixInOptions && (
        <button type="button" onClick={onOpenOptions}>
          Open options
        </button>
      )}
    </div>
  );
}
