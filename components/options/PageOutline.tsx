import { useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../lib/core/format';
import type { FeatureMeta } from '../../lib/features/feature';
import type { HealthMap } from '../../lib/features/health';
import { pageOutlineItem, type StoredOutline } from '../../lib/storage/page-outline';
import { useStorageItem } from '../ui/useStorageItem';

type Copy = (text: string) => Promise<void>;

const defaultCopy: Copy = (text) => navigator.clipboard.writeText(text);

interface OutlineOfferProps {
  featureName: string;
  outline: StoredOutline;
  copy?: Copy;
}

/** One feature's offer: copy the outline, see exactly what would be copied. Nothing is sent anywhere. */
export function OutlineOffer({ featureName, outline, copy = defaultCopy }: OutlineOfferProps) {
  const [status, setStatus] = useState<string | null>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const onCopy = async () => {
    try {
      await copy(outline.outline);
      setStatus('Copied. Paste it into your bug report.');
    } catch {
      // Clipboard access can be refused: the text is still there to copy by hand.
      text.current?.focus();
      text.current?.select();
      setStatus('Could not copy automatically: the outline below is selected, copy it with Ctrl+C (⌘C on a Mac).');
    }
  };
  return (
    <li class="page-outline" data-outline={outline.featureId}>
      <p>
        {featureName} did not recognize {outline.path} on {formatDateTime(outline.at)}.
      </p>
      <button type="button" onClick={() => void onCopy()}>
        Copy a page outline for a bug report
      </button>
      {status && <p role="status">{status}</p>}
      <details>
        <summary>What the outline contains</summary>
        <p class="hint">
          The structure of the part of the page the feature looked at. Names, keys, e-mail addresses and amounts are
          replaced by their shape (Aaaa Aaaa 9); only the dashboard's own interface words are kept.
        </p>
        <textarea
          ref={text}
          readOnly
          rows={12}
          style={{ width: '100%', fontFamily: 'ui-monospace, monospace', fontSize: '12px' }}
          aria-label={`Page outline for ${featureName}`}
          value={outline.outline}
        />
      </details>
    </li>
  );
}

interface Props {
  features: readonly Pick<FeatureMeta, 'id' | 'name'>[];
  health: HealthMap;
}

function FeatureOutline({ feature, health }: { feature: Pick<FeatureMeta, 'id' | 'name'>; health: HealthMap }) {
  const outline = useStorageItem(pageOutlineItem(feature.id));
  if (health[feature.id]?.state !== 'not-recognized' || !outline) return null;
  return <OutlineOffer featureName={feature.name} outline={outline} />;
}

/**
 * For each feature that reported "not recognized", the outline its content script captured,
 * to copy into a bug report (see docs/page-outline.md).
 */
export function PageOutlines({ features, health }: Props) {
  if (!features.some((feature) => health[feature.id]?.state === 'not-recognized')) return null;
  return (
    <div class="page-outlines">
      <h3>Help fix what was not recognized</h3>
      <ul>
        {features.map((feature) => (
          <FeatureOutline key={feature.id} feature={feature} health={health} />
        ))}
      </ul>
    </div>
  );
}
