import { useState } from 'preact/hooks';
import { usageGlanceMessenger } from '../../lib/messaging/messages';
import { describeError } from '../../lib/core/describe-error';
import { describeStorageProblem, storageProblem } from '../../lib/storage/storage-problems';
import { useStorageItem } from './useStorageItem';

/**
 * Shown in the popup and options while a write was refused for lack of room
 * (lib/background/storage-problems.ts): what is full, what was not saved, how to make room.
 */
export function StorageProblemNotice() {
  const problem = useStorageItem(storageProblem);
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!problem) return outcome ? <p role="status">{outcome}</p> : null;
  const clear = () => {
    setOutcome(null);
    usageGlanceMessenger.sendMessage('clearPageRecords', undefined).then(
      () => setOutcome('Cleared what dashboard pages reported: they report it again as you use the dashboard.'),
      (error: unknown) => setOutcome(`Not cleared (${describeError(error)}).`),
    );
  };
  return (
    <div class="storage-problem" role="alert" data-testid="storage-problem">
      <strong>Storage full</strong>
      <p>{describeStorageProblem(problem)}</p>
      {problem.area === 'local' && (
        <button type="button" onClick={clear}>
          Clear what dashboard pages reported
        </button>
      )}
      {outcome && <p role="status">{outcome}</p>}
    </div>
  );
}
