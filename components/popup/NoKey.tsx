import { ADMIN_KEYS_URL } from '../../lib/usage/display';

export function NoKey({ onOpenOptions }: { onOpenOptions(): void }) {
  return (
    <div class="no-key" data-testid="no-key">
      <h2>Add an admin key to see usage</h2>
      <p>
        The usage glance reads your organization&apos;s costs and token usage with an OpenAI <em>admin key</em>{' '}
        (organization owners only). Create one at{' '}
        <a href={ADMIN_KEYS_URL} target="_blank" rel="noreferrer">
          Organization settings → Admin keys
        </a>
        , then paste it in the extension&apos;s options.
      </p>
      <button type="button" class="primary" onClick={onOpenOptions}>
        Open options
      </button>
    </div>
  );
}
