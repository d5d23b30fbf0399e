/** How a feature fared on the last dashboard page it ran on, as shown in options. */
export type HealthState = 'active' | 'not-applicable' | 'not-recognized' | 'error';

export interface HealthRecord {
  state: HealthState;
  /** Path of the dashboard page (no query: it may hold ids the user would not want stored). */
  path: string;
  at: number;
  error?: string;
}

export type HealthMap = Record<string, HealthRecord>;

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
