import { unreadableItems } from '../../lib/storage/unreadable-items';
import { useStorageItem } from '../ui/useStorageItem';

/** Where a stored value was of a shape the extension does not know (lib/settings/stored-shape.ts): its default is used instead. */
export function UnreadableItems() {
  const keys = useStorageItem(unreadableItems);
  if (!keys || keys.length === 0) return null;
  return (
    <div class="storage-problem" role="status" data-testid="unreadable-items">
      <strong>Some stored data could not be read</strong>
      <p>
        These were not in a shape this version knows, so their defaults are used until they are saved again:{' '}
        {keys.map((key) => key.replace(/^(\w+):/, '')).join(', ')}.
      </p>
    </div>
  );
}
