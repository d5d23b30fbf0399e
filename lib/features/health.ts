import type { HealthRecord } from '../storage/records';

// The worker owns the health record (lib/storage/records.ts); its types live there.
export type { HealthMap, HealthRecord, HealthState } from '../storage/records';

export function describeHealth(record: HealthRecord | undefined): string {
  if (!record) return 'Not run yet: open a platform.openai.com page.';
  switch (record.state) {
    case 'active':
      return `Active on ${record.path}`;
    case 'not-applicable':
      return `Not applicable on ${record.path}`;
    case 'not-recognized':
      return `Not recognized on ${record.path}: the dashboard's markup may have changed, so this feature stays off there.`;
    case 'error':
      return `Failed on ${record.path}: ${record.error ?? 'unknown error'}`;
  }
}
