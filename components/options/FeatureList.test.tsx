import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { featureCatalog } from '../../lib/features/metas';
import { FeatureList } from './FeatureList';

afterEach(cleanup);

const features = [
  { id: 'project-emphasis', name: 'Active project', description: 'Emphasizes the project.' },
  { id: 'other', name: 'Other', description: 'Something else.' },
];

describe('FeatureList', () => {
  it('shows each feature with the health recorded on its last page', () => {
    render(
      <FeatureList
        features={features}
        disabled={['other']}
        health={{ 'project-emphasis': { state: 'not-recognized', path: '/usage', at: 0 } }}
        onToggle={() => undefined}
      />,
    );
    const health = screen.getAllByTestId('health').map((node) => node.textContent);
    expect(health[0]).toMatch(/^Not recognized on \/usage/);
    expect(health[1]).toBe('Switched off.');
  });

  it('reports toggles', () => {
    const onToggle = vi.fn();
    render(<FeatureList features={features} disabled={[]} health={{}} onToggle={onToggle} />);
    fireEvent.click(screen.getAllByRole('checkbox')[1]!);
    expect(onToggle).toHaveBeenCalledWith('other', false);
  });

  it('lists every feature of the catalog with its name, description and switch', () => {
    render(<FeatureList features={featureCatalog} disabled={[]} health={{}} onToggle={() => undefined} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-feature'))).toEqual(['project-emphasis', 'page-scope', 'usage-zip-export', 'logging-reminder']);
    featureCatalog.forEach((meta, index) => {
      expect(items[index]?.textContent).toContain(meta.name);
      expect(items[index]?.textContent).toContain(meta.description);
    });
    expect(screen.getAllByRole('checkbox')).toHaveLength(4);
  });
});
