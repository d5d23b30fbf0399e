import { useEffect, useState } from 'preact/hooks';
import { usageGlanceMessenger } from '../../lib/messaging/messages';
import { formatDate } from '../../lib/core/format';
import { ADMIN_KEYS_URL } from '../../lib/usage/display';

const DAY_MS = 86_400_000;
/** How long before the key expires the popup starts saying so. */
export const EXPIRY_WARNING_MS = 14 * DAY_MS;

/** What to say about a key expiring at `expiresAt` (epoch ms), or null for nothing. */
export function keyExpiryText(expiresAt: number | null, now: number): string | null {
  if (expiresAt === null || expiresAt - now > EXPIRY_WARNING_MS) return null;
  const date = formatDate(expiresAt);
  if (expiresAt <= now) return `The admin key expired on ${date}: the figures stop updating until you save a new key.`;
  const days = Math.ceil((expiresAt - now) / DAY_MS);
  return `The admin key expires on ${date} (in ${days} day${days === 1 ? '' : 's'}). Create a new one and save it in options before then.`;
}

export function KeyExpiryWarning({ expiresAt, now }: { expiresAt: number | null; now: number }) {
  const text = keyExpiryText(expiresAt, now);
  if (!text) return null;
  return (
    <div class="banner banner-stale" role="status" data-testid="key-expiry-warning">
      <p>{text}</p>
      <p>
        <a href={ADMIN_KEYS_URL} target="_blank" rel="noreferrer">
          Admin keys
        </a>
      </p>
    </div>
  );
}

/**
 * The warning for the stored key. OpenAI's admin key list says when a key expires; the
 * worker asked when the key was saved. When it could not tell, nothing is shown.
 */
export function KeyExpiryNotice({ now }: { now: number }) {
  const [expiresAt, setExpiresAt] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    usageGlanceMessenger.sendMessage('getKeyExpiry', undefined).then(
      (value) => live && setExpiresAt(value),
      (error: unknown) => console.warn('[refined-openai-platform] key expiry unknown:', error),
    );
    return () => {
      live = false;
    };
  }, []);
  return <KeyExpiryWarning expiresAt={expiresAt} now={now} />;
}
