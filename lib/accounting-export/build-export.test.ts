import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket, CostBucket, Project } from '../admin-api/responses';
import { sha256Hex } from '../archive/sha256';
import { buildAccountingExport, type AccountingExportInput } from './build-export';
import { sentKey, type ExportFailure } from './fetch-data';
import type { Scope } from '../admin-api/scope';
import { planAccountingExport } from './request-plan';
import { serializeManifest } from '../archive/manifest';
import { zipAccountingExport } from './zip';
import { USAGE_CAPABILITIES, USAGE_CAPABILITY_NAMES } from '../admin-api/usage-capabilities';
import { FOCUS_FILE_NAME } from './focus-csv';

const DAY = 86_400;
const JAN_1 = Date.UTC(2025, 0, 1) / 1000;
const EXPORTED_AT = new Date('2026-01-02T03:04:05.000Z');
const projects: Project[] = [
  { id: 'proj_a', name: 'Zürich Prod', createdAt: 1, archivedAt: null, status: 'active' },
  { id: 'proj_old', name: 'Old', createdAt: 1, archivedAt: 2, status: 'archived' },
];

/** A year with $0.10 on proj_a every day and one request a day. */
function yearOfData(): Pick<AccountingExportInput, 'costBuckets' | 'usageBuckets' | 'capabilityBuckets'> {
  const costBuckets: CostBucket[] = [];
  const usageBuckets: CompletionsUsageBucket[] = [];
  const capabilityBuckets: AccountingExportInput['capabilityBuckets'] = {};
  for (let day = JAN_1; day < Date.UTC(2026, 0, 1) / 1000; day += DAY) {
    costBuckets.push({ startTime: day, endTime: day + DAY, results: [{ amountValue: 0.1, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' }] });
    usageBuckets.push({ startTime: day, endTime: day + DAY, results: [{ inputTokens: 1, outputTokens: 2, requests: 1, projectId: 'proj_a', model: 'gpt-4o' }] });
    for (const capability of USAGE_CAPABILITY_NAMES) {
      const row = Object.fromEntries(USAGE_CAPABILITIES[capability].fields.map((field) => [field.name, field.kind === 'count' ? 3 : field.name === 'project_id' ? 'proj_a' : null]));
      (capabilityBuckets[capability] ??= []).push({ startTime: day, endTime: day + DAY, results: [row] });
    }
  }
  return { costBuckets, usageBuckets, capabilityBuckets };
}

function input(failures: ExportFailure[] = [], scope: Scope = 'organization'): AccountingExportInput {
  return {
    plan: planAccountingExport({ period: { kind: 'year', year: 2025 }, scope }),
    ...yearOfData(),
    projects,
    failures,
    unreadable: [],
    organizationName: 'Acme Inc.',
    organizationId: 'org-acme',
    exportedAt: EXPORTED_AT,
  };
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('buildAccountingExport', () => {
  it('names a period still under way as cut at today: archive name, TOTAL row, manifest and its notes', async () => {
    // Exported on 2025-12-08 at 13:00 UTC: 2025 is fetched to that day only.
    const until = Date.UTC(2025, 11, 8, 13) / 1000;
    const exported = await buildAccountingExport({ ...input(), plan: planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization', until }) });
    expect(exported.archiveName).toBe('openai-costs_acme-inc_2025_to-2025-12-08.zip');
    expect(exported.files.find((file) => file.fileName.startsWith('cost_2025-12'))?.fileName).toBe('cost_2025-12-01_2025-12-08.csv');
    // 342 days of 0.10 to 8 December.
    expect(text(exported.files.at(-2)?.bytes).split('\n').at(-2)).toBe('TOTAL so far (to 2025-12-08),,,,34.20,usd');
    expect(exported.manifest.complete).toBe(true);
    expect(exported.manifest.period).toEqual({
      asked: { kind: 'year', year: 2025 },
      label: '2025_to-2025-12-08',
      days: { start: '2025-01-01', endInclusive: '2025-12-31' },
      lastDay: '2025-12-08',
      cutAtToday: true,
    });
    expect(exported.manifest.notes.join('\n')).toContain('only to 2025-12-08 (UTC), not to 2025-12-31');
    expect(exported.manifest.reconciliation.matches).toBe(true);

    // The period's last day itself is the whole period.
    const lastDay = Date.UTC(2025, 11, 31, 23, 59) / 1000;
    const whole = await buildAccountingExport({ ...input(), plan: planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization', until: lastDay }) });
    expect(whole.archiveName).toBe('openai-costs_acme-inc_2025.zip');
    expect(whole.manifest.period).toMatchObject({ label: '2025', lastDay: '2025-12-31', cutAtToday: false });
  });

  it('writes 12 cost files, 12 files of each of the 10 capabilities, summary.csv and the FOCUS file, described by a complete manifest', async () => {
    const exported = await buildAccountingExport(input());
    expect(exported.archiveName).toBe('openai-costs_acme-inc_2025.zip');
    expect(exported.files).toHaveLength(12 + 120 + 2);
    expect(exported.files.slice(-2).map((file) => file.fileName)).toEqual(['summary.csv', FOCUS_FILE_NAME]);
    expect(exported.files[24]?.fileName).toBe('embeddings_usage_2025-01-01_2025-01-31.csv');
    expect(exported.files[131]?.fileName).toBe('web_search_calls_usage_2025-12-01_2025-12-31.csv');
    expect(text(exported.files[131]?.bytes).split('\n').slice(0, 2)).toEqual([
      'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,num_requests,context_level',
      '1764547200,1764633600,2025-12-01T00:00:00+00:00,2025-12-02T00:00:00+00:00,proj_a,3.0,,,,3.0,',
    ]);
    expect(exported.files[0]?.fileName).toBe('cost_2025-01-01_2025-01-31.csv');
    expect(exported.files[1]?.fileName).toBe('cost_2025-02-01_2025-02-28.csv');
    expect(exported.files[23]?.fileName).toBe('completions_usage_2025-12-01_2025-12-31.csv');

    const january = text(exported.files[0]?.bytes).split('\n');
    expect(january).toHaveLength(1 + 31 + 1);
    expect(january[1]).toBe(
      '1735689600,1735776000,2025-01-01T00:00:00+00:00,2025-01-02T00:00:00+00:00,0.1,usd,,,"gpt-4o, input",,,proj_a,org-acme,Zürich Prod,Acme Inc.,,',
    );
    // 365 × 0.1 summed as floats would drift; the summary's total is exact.
    expect(text(exported.files.at(-2)?.bytes).split('\n').at(-2)).toBe('TOTAL,,,,36.50,usd');
    const focus = text(exported.files.at(-1)?.bytes).split('\n');
    expect(focus).toHaveLength(1 + 365 + 1);
    expect(focus[0]).toMatch(/^BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,/);
    expect(focus[32]).toBe(
      '0.1,org-acme,Acme Inc.,USD,2025-03-01T00:00:00Z,2025-02-01T00:00:00Z,Usage,,"gpt-4o, input",2025-02-02T00:00:00Z,2025-02-01T00:00:00Z,0.1,0.1,OpenAI,0.1,1,Days,OpenAI,OpenAI,AI and Machine Learning,OpenAI API,Usage-Based,Generative AI,proj_a,Zürich Prod,1,Days,org-acme,,,,false',
    );

    const { manifest } = exported;
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      kind: 'accounting-export',
      generatedAt: '2026-01-02T03:04:05.000Z',
      organization: 'Acme Inc.',
      project: null,
      scope: { kind: 'organization' },
      year: 2025,
      period: { asked: { kind: 'year', year: 2025 }, label: '2025', days: { start: '2025-01-01', endInclusive: '2025-12-31' } },
      range: { start: '2025-01-01', endInclusive: '2025-12-31' },
      complete: true,
      warning: null,
      failures: [],
      unreadable: [],
      focus: { version: '1.2', fileName: FOCUS_FILE_NAME, valid: true, problems: [] },
      counts: { files: 134, failed: 0 },
    });
    expect(manifest.capabilities).toHaveLength(10);
    expect(manifest.reconciliation.matches).toBe(true);
    expect(manifest.reconciliation.byMonth[1]).toEqual({ month: '2025-02', currency: 'usd', summary: 2_800_000, costFiles: 2_800_000, focus: 2_800_000 });
    expect(manifest.reconciliation.totals).toEqual([{ currency: 'usd', summary: 36_500_000, costFiles: 36_500_000, focus: 36_500_000, summaryTotalRow: 36_500_000 }]);
    for (const [i, file] of exported.files.entries()) {
      expect(manifest.files[i]).toMatchObject({ fileName: file.fileName, size: file.bytes.byteLength, sha256: await sha256Hex(file.bytes) });
    }
    expect(manifest.files[0]).toMatchObject({ dataset: 'costs', month: '2025-01' });
    expect(manifest.files[12]).toMatchObject({ dataset: 'completions_usage', month: '2025-01' });
    expect(manifest.files[132]).toMatchObject({ dataset: 'summary', month: null });
    expect(manifest.files[133]).toMatchObject({ dataset: 'focus', month: null });
    expect(manifest.counts.totalBytes).toBe(exported.files.reduce((sum, file) => sum + file.bytes.byteLength, 0));
    expect(manifest.requests).toHaveLength(3 + 120);
    expect(manifest.requests[0]).toEqual({
      endpoint: '/v1/organization/costs',
      params: { start_time: JAN_1, end_time: Date.UTC(2025, 5, 1) / 1000, bucket_width: '1d', group_by: ['project_id', 'line_item', 'api_key_id'], limit: 180 },
      months: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
    });
    expect(manifest.requests[3]).toMatchObject({
      endpoint: '/v1/organization/usage/completions',
      params: { bucket_width: '1d', group_by: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'], limit: 31 },
      months: ['2025-01'],
    });
  });

  it('never hides a failure: no file for the month, complete false, named in warning and archive', async () => {
    const failures: ExportFailure[] = [
      { dataset: 'completions_usage', month: '2025-03', error: 'server: HTTP 500' },
      { dataset: 'costs', month: '2025-11', error: 'forbidden: HTTP 403' },
      { dataset: 'costs', month: '2025-12', error: 'forbidden: HTTP 403' },
      { dataset: 'projects', month: null, error: 'timeout' },
    ];
    const exported = await buildAccountingExport(input(failures));
    const names = exported.files.map((file) => file.fileName);
    expect(names).not.toContain('completions_usage_2025-03-01_2025-03-31.csv');
    expect(names).not.toContain('cost_2025-11-01_2025-11-30.csv');
    expect(names).toContain('cost_2025-03-01_2025-03-31.csv');
    expect(names).toHaveLength(134 - 3);
    expect(exported.archiveName).toBe('openai-costs_acme-inc_2025_INCOMPLETE.zip');
    expect(exported.manifest.complete).toBe(false);
    expect(exported.manifest.failures).toEqual(failures);
    expect(exported.manifest.counts.failed).toBe(4);
    expect(exported.manifest.warning).toBe(
      'INCOMPLETE EXPORT: could not fetch completions usage for 2025-03; costs for 2025-11, 2025-12; the project list (project_name columns are empty). The files for those months are missing and summary.csv and the FOCUS file leave out the missing costs. Export again to complete it.',
    );
    const summary = text(exported.files.at(-2)?.bytes);
    expect(exported.manifest.reconciliation.matches).toBe(true);
    expect(exported.manifest.reconciliation.byMonth.map((line) => line.month)).not.toContain('2025-11');
    expect(summary).not.toContain('2025-11,proj_a');
    expect(summary).toContain('\n"TOTAL (incomplete: costs missing for 2025-11, 2025-12)",,,,30.40,usd\n');
  });

  it('states each request as the client reported sending it', async () => {
    const january = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' }).costs[0]!;
    const reported = { endpoint: '/v1/organization/costs', params: { start_time: JAN_1, bucket_width: '1d', limit: 7 } };
    const exported = await buildAccountingExport({ ...input(), sent: { [sentKey('costs', january.months)]: { request: reported, refused: null } } });
    expect(exported.manifest.requests[0]).toEqual({ ...reported, months: january.months });
    // Calls without a report are described as the client sends them.
    expect(exported.manifest.requests[1]?.params).toMatchObject({ limit: 180, bucket_width: '1d' });
  });

  it('lists a capability the key may not read, writes no file for it, and stays complete', async () => {
    const exported = await buildAccountingExport({ ...input(), unreadable: [{ capability: 'images', status: 403, message: 'Missing scope' }] });
    expect(exported.files.some((file) => file.fileName.startsWith('images_usage_'))).toBe(false);
    expect(exported.files).toHaveLength(134 - 12);
    expect(exported.manifest.complete).toBe(true);
    expect(exported.archiveName).toBe('openai-costs_acme-inc_2025.zip');
    expect(exported.manifest.unreadable).toEqual([{ capability: 'images', status: 403, message: 'Missing scope' }]);
    expect(exported.manifest.requests.filter((request) => request.endpoint.endsWith('/images'))).toEqual([]);
  });

  it('names the archive after any period, cut at today while it is under way', async () => {
    const period = { kind: 'fiscal-year', start: '2025-04' } as const;
    const plan = planAccountingExport({ period, scope: 'organization', until: Date.UTC(2025, 11, 31, 23) / 1000 });
    const exported = await buildAccountingExport({ ...input(), plan });
    expect(exported.archiveName).toBe('openai-costs_acme-inc_FY2025-04_2026-03_to-2025-12-31.zip');
    expect(exported.manifest.year).toBeNull();
    expect(exported.manifest.period).toEqual({
      asked: period,
      label: 'FY2025-04_2026-03_to-2025-12-31',
      days: { start: '2025-04-01', endInclusive: '2026-03-31' },
      lastDay: '2025-12-31',
      cutAtToday: true,
    });
    expect(exported.manifest.range).toEqual({ start: '2025-04-01', endInclusive: '2025-12-31' });
    expect(exported.manifest.reconciliation.byMonth.map((line) => line.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(exported.manifest.reconciliation.matches).toBe(true);
  });

  it('names a project export after the project', async () => {
    const exported = await buildAccountingExport(input([], 'proj_a'));
    expect(exported.archiveName).toBe('openai-costs_zürich-prod_2025.zip');
    expect(exported.manifest.project).toBe('Zürich Prod');
  });

  it('refuses an invalid export time', async () => {
    await expect(buildAccountingExport({ ...input(), exportedAt: new Date(Number.NaN) })).rejects.toThrow(RangeError);
  });
});

describe('zipAccountingExport', () => {
  it('stores every file byte for byte plus manifest.json', async () => {
    const exported = await buildAccountingExport(input([{ dataset: 'costs', month: '2025-01', error: 'x' }]));
    const zip = await JSZip.loadAsync(await zipAccountingExport(exported));
    expect(Object.keys(zip.files).sort()).toEqual([...exported.files.map((file) => file.fileName), 'manifest.json'].sort());
    for (const file of exported.files) {
      expect(await zip.file(file.fileName)?.async('uint8array')).toEqual(file.bytes);
    }
    expect(await zip.file('manifest.json')?.async('string')).toBe(serializeManifest(exported.manifest));
    // ZIP stores times to the even second.
    const stored = zip.file('summary.csv')?.date.getTime() ?? 0;
    expect(EXPORTED_AT.getTime() - stored).toBeGreaterThanOrEqual(0);
    expect(EXPORTED_AT.getTime() - stored).toBeLessThan(2000);
  }, 20_000); // A whole year of files zipped and read back: seconds on a loaded machine, not a hang.

  it('refuses files the manifest does not describe', async () => {
    const exported = await buildAccountingExport(input());
    const tampered = { ...exported, files: exported.files.map((file, i) => (i === 0 ? { ...file, bytes: new Uint8Array(1) } : file)) };
    await expect(zipAccountingExport(tampered)).rejects.toThrow(/Manifest gives \d+ bytes for/);
    await expect(zipAccountingExport({ ...exported, files: exported.files.slice(1) })).rejects.toThrow(/not in the archive/);
    const renamed = { ...exported, files: [{ fileName: '../evil.csv', bytes: new Uint8Array() }] };
    await expect(zipAccountingExport(renamed)).rejects.toThrow(/Unsafe entry name/);
  });
});
