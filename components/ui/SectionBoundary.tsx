import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { describeError } from '../../lib/core/describe-error';

/**
 * Around each section of the popup and options: a section that cannot render (a stored
 * value of a shape no check caught, a bug) says so in its place, and the rest of the page
 * still shows.
 */
export function SectionBoundary({ name, children }: { name: string; children: ComponentChildren }) {
  const [error] = useErrorBoundary((caught: unknown) => console.warn(`[refined-openai-platform] ${name} could not be shown:`, caught));
  if (error) {
    return (
      <p class="section-failed" role="alert">
        {name} could not be shown ({describeError(error)}). The rest works; reloading the extension may help.
      </p>
    );
  }
  return <>{children}</>;
}
