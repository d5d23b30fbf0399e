import { render } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { preloadStorageItems, preloadedValue, useStorageItem } from './useStorageItem';

function Shown({ item }: { item: ReturnType<typeof storage.defineItem<string | null>> }) {
  const value = useStorageItem(item);
  return <p data-testid="value">{value === undefined ? 'not read yet' : String(value)}</p>;
}

beforeEach(() => fakeBrowser.reset());

describe('useStorageItem', () => {
  it('renders a preloaded value in the first render, not after a read of its own', async () => {
    const item = storage.defineItem<string | null>('local:preloadTest', { fallback: null });
    await item.setValue('cached');
    const other = storage.defineItem<string | null>('local:notPreloaded', { fallback: null });
    await preloadStorageItems([item]);
    expect(preloadedValue(item)).toBe('cached');
    expect(preloadedValue(other)).toBeUndefined();

    // Synchronously after render: no effect or read has run yet.
    expect(render(<Shown item={item} />).getByTestId('value').textContent).toBe('cached');
    expect(render(<Shown item={other} />).getAllByTestId('value')[1]!.textContent).toBe('not read yet');
  });
});
