import { describe, expect, it } from 'vitest';
import type { Incident } from './detect';
import { describeIncident } from './describe-incident';

const base: Incident = {
  projectId: 'proj_a',
  metric: 'requests',
  kind: 'spike',
  value: 10_100,
  usual: 981,
  ratio: 10_100 / 981,
  threshold: 2943,
  since: Date.UTC(2025, 5, 15, 13) / 1000,
  bucketSeconds: 3600,
};

describe('describeIncident', () => {
  it('says what, where and how many times the usual', () => {
    expect(describeIncident(base, 'Production')).toEqual({
      title: 'Production: unusual requests',
      message: '10,100 requests in one hour (10.3× the usual 981 requests), since 2025-06-15 13:00 UTC.',
    });
  });

  it('writes spend as money and an unknown usual plainly', () => {
    const spend = { ...base, metric: 'spend' as const, value: 60_000_000, usual: 0, ratio: null, bucketSeconds: 86_400 };
    expect(describeIncident(spend, null).message).toBe('$60.00 in one day (usually none), since 2025-06-15 13:00 UTC.');
    expect(describeIncident({ ...spend, projectId: null }, null).title).toBe('Usage outside any project: unusual spend');
  });

  it('describes a cap', () => {
    const cap = { ...base, kind: 'cap' as const, metric: 'spend' as const, value: 60_000_000, threshold: 50_000_000, since: Date.UTC(2025, 5, 15) / 1000 };
    expect(describeIncident(cap, 'Sandbox')).toEqual({
      title: 'Sandbox: daily spend cap reached',
      message: '$60.00 on 2025-06-15 (UTC), cap $50.00.',
    });
  });

  it('explains a new project\'s alert by the limit it crossed', () => {
    const fresh: Incident = { ...base, kind: 'new-project', usual: null, ratio: null, threshold: 2000 };
    expect(describeIncident(fresh, 'Fresh')).toEqual({
      title: 'Fresh: high requests for a new project',
      message:
        '10,100 requests in one hour, since 2025-06-15 13:00 UTC. With under three days of history it is held to the new-project limit of 2,000 requests (set in options).',
    });
  });
});
