import { describe, expect, it } from 'vitest';
import { migrateGlanceDetailsToV2 } from './details';

describe('migrateGlanceDetailsToV2', () => {
  it("names each key's owner as the popup does now, and keeps the key lists with an unknown e-mail", () => {
    const row = { apiKeyId: 'key_ci', name: 'ci', redactedValue: null, createdAt: 1, lastUsedAt: 2, inputTokens: 1, outputTokens: 1, requests: 1, topModel: null, estimatedCostMicros: null };
    const v1 = {
      fetchedAt: 5,
      keys: {
        proj_a: {
          projectId: 'proj_a',
          keys: [
            { ...row, ownerType: 'service_account', ownerName: 'Deploy bot' },
            { ...row, apiKeyId: 'key_web', ownerType: 'user', ownerName: 'Ada' },
            { ...row, apiKeyId: null, ownerType: null, ownerName: null },
          ],
        },
      },
      limits: {},
      keyLists: { proj_a: [{ id: 'key_ci', name: 'ci', createdAt: 1, lastUsedAt: 2, owner: { type: 'service_account', name: 'Deploy bot' } }], proj_b: null },
      log: {},
    };
    const v2 = migrateGlanceDetailsToV2(v1) as { keys: { proj_a: { keys: { owner: string | null }[] } }; keyLists: unknown; fetchedAt: number };
    expect(v2.fetchedAt).toBe(5);
    expect(v2.keys.proj_a.keys.map((key) => key.owner)).toEqual(['service account “Deploy bot”', 'Ada', null]);
    expect(v2.keys.proj_a.keys[0]).not.toHaveProperty('ownerType');
    expect(v2.keyLists).toEqual({
      proj_a: [{ id: 'key_ci', name: 'ci', createdAt: 1, lastUsedAt: 2, owner: { type: 'service_account', name: 'Deploy bot', email: null } }],
      proj_b: null,
    });
  });

  it('leaves null (nothing read yet) as it is', () => {
    expect(migrateGlanceDetailsToV2(null)).toBeNull();
  });
});
