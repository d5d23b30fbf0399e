import type { FeatureMeta } from '../../lib/features/feature';
import { describeHealth, type HealthMap } from '../../lib/features/health';

interface Props {
  features: readonly Pick<FeatureMeta, 'id' | 'name' | 'description'>[];
  disabled: readonly string[];
  health: HealthMap;
  onToggle(featureId: string, enabled: boolean): void;
}

export function FeatureList({ features, disabled, health, onToggle }: Props) {
  return (
    <ul class="feature-list">
      {features.map((feature) => {
        const enabled = !disabled.includes(feature.id);
        const record = health[feature.id];
        return (
          <li key={feature.id} class="feature" data-feature={feature.id}>
            <label>
              <input
                type="checkbox"
                checked={enabled}
                onChange={(event) => onToggle(feature.id, event.currentTarget.checked)}
              />
              <span class="feature-name">{feature.name}</span>
            </label>
            <p class="feature-description">{feature.description}</p>
            <p class={`feature-health health-${enabled ? (record?.state ?? 'unknown') : 'off'}`} data-testid="health">
              {enabled ? describeHealth(record) : 'Switched off.'}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
