import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SectionBoundary } from './SectionBoundary';

afterEach(cleanup);

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'events')");
}

describe('SectionBoundary', () => {
  it('a section that cannot render says so in its place, and the sections beside it still render', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    render(
      <main>
        <SectionBoundary name="The security watch">
          <Broken />
        </SectionBoundary>
        <SectionBoundary name="The usage figures">
          <p>Today $3.40</p>
        </SectionBoundary>
      </main>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/^The security watch could not be shown \(.*reading 'events'.*\)/);
    expect(screen.getByText('Today $3.40')).toBeTruthy();
  });
});
