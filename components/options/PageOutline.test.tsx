import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageOutlineItem, type StoredOutline } from '../../lib/storage/page-outline';
import { OutlineOffer, PageOutlines } from './PageOutline';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

const outline: StoredOutline = { featureId: 'project-emphasis', path: '/usage', at: 0, outline: 'Page outline: …\nheader\n  div tabindex "Aaaa Aaaa"' };
const features = [
  { id: 'project-emphasis', name: 'Active project, unmistakable' },
  { id: 'logging-reminder', name: 'Logging reminder' },
];

describe('OutlineOffer', () => {
  it('copies exactly the outline shown, and says so', async () => {
    const copy = vi.fn(async () => undefined);
    render(<OutlineOffer featureName="Active project" outline={outline} copy={copy} />);
    expect((screen.getByLabelText('Page outline for Active project') as HTMLTextAreaElement).value).toBe(outline.outline);
    fireEvent.click(screen.getByRole('button', { name: 'Copy a page outline for a bug report' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied. Paste it into your bug report.'));
    expect(copy).toHaveBeenCalledWith(outline.outline);
  });

  it('selects the outline and says how to copy it when the clipboard refuses', async () => {
    const copy = vi.fn(async () => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    render(<OutlineOffer featureName="Active project" outline={outline} copy={copy} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy a page outline for a bug report' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Could not copy automatically/));
  });
});

describe('PageOutlines', () => {
  it('offers an outline only for features whose health says "not recognized"', async () => {
    await pageOutlineItem('project-emphasis').setValue(outline);
    await pageOutlineItem('logging-reminder').setValue({ ...outline, featureId: 'logging-reminder' });
    render(
      <PageOutlines
        features={features}
        health={{ 'project-emphasis': { state: 'not-recognized', path: '/usage', at: 0 }, 'logging-reminder': { state: 'active', path: '/usage', at: 0 } }}
      />,
    );
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Copy a page outline for a bug report' })).toHaveLength(1));
    expect(document.querySelector('[data-outline="project-emphasis"]')).not.toBeNull();
  });

  it('shows nothing while every feature is recognized', () => {
    const { container } = render(<PageOutlines features={features} health={{ 'project-emphasis': { state: 'active', path: '/usage', at: 0 } }} />);
    expect(container.textContent).toBe('');
  });
});
