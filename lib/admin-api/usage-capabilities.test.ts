import { describe, expect, it } from 'vitest';
import { createAdminClient } from './client';
import { fakeFetch } from './testing/fake-fetch';
import { fakeAdminServer } from './testing/fake-admin-server';
import { USAGE_CAPABILITY_NAMES, usageRowParser } from './usage-capabilities';

const DAY = Date.UTC(2025, 2, 1) / 1000;

describe('the other usage endpoints', () => {
  it('are the nine of the spec besides completions', () => {
    expect(USAGE_CAPABILITY_NAMES).toEqual([
      'embeddings',
      'moderations',
      'images',
      'audio_speeches',
      'audio_transcriptions',
      'vector_stores',
      'code_interpreter_sessions',
      'file_search_calls',
      'web_search_calls',
    ]);
  });

  it('reads a result into its fields, nulls for what the API left out, ignoring unknown fields', () => {
    const parse = usageRowParser('images');
    expect(parse({ object: 'organization.usage.images.result', images: 2, num_model_requests: 1, size: '1024x1024', project_id: null, extra: 1 }, 'r')).toEqual({
      project_id: null,
      num_model_requests: 1,
      user_id: null,
      api_key_id: null,
      model: null,
      size: '1024x1024',
      source: null,
      images: 2,
    });
    expect(() => parse({ num_model_requests: 1 }, 'data[0].results[0]')).toThrow('data[0].results[0].images');
    expect(() => usageRowParser('vector_stores')({ usage_bytes: -1 }, 'r')).toThrow(/usage_bytes/);
  });

  it('asks the endpoint with its groupings and pages through it', async () => {
    const { fetch, requests } = fakeFetch(fakeAdminServer({ capabilityResults: (capability, day) => [{ num_sessions: day === DAY ? 4 : 1, project_id: capability }] }));
    const client = createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: () => Promise.resolve() });
    const sent: unknown[] = [];
    const buckets = await client.usage(
      'code_interpreter_sessions',
      { startTime: DAY, endTime: DAY + 40 * 86_400, bucketWidth: '1d', groupBy: ['project_id'], limit: 31 },
      { onSend: (listing) => sent.push(listing) },
    );
    expect(buckets).toHaveLength(40);
    expect(buckets[0]?.results).toEqual([{ project_id: 'code_interpreter_sessions', num_sessions: 4 }]);
    expect(requests.map((request) => request.url.pathname)).toEqual(Array(2).fill('/v1/organization/usage/code_interpreter_sessions'));
    expect(requests[0]?.url.searchParams.getAll('group_by')).toEqual(['project_id']);
    expect(sent).toEqual([{ request: { endpoint: '/v1/organization/usage/code_interpreter_sessions', params: expect.objectContaining({ limit: 31, bucket_width: '1d' }) }, refused: null }]);
  });
});
