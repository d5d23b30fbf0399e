import { completionsUsageRequest, costsRequest, type Refusal, type SentListing, type WireParams } from '../admin-api/client';
import { archiveFileName } from '../archive/archive-name';
import { buildManifestCore, describeFile, incompleteWarning, type ManifestCore, type ManifestFile } from '../archive/manifest';
import type { MonthKey } from '../archive/month-range';
import { costCsvRows } from './cost-csv';
import { csvBytes } from './csv';
import { apiKeyFromUsage } from './key-from-usage';
import { sentKey, type ExportFailure, type YearlyData } from './fetch-data';
import { monthFileName, type Dataset } from './months';
import { scopeProjectId } from '../admin-api/scope';
import type { YearlyExportPlan } from './request-plan';
import { SUMMARY_FILE_NAME, summaryCsvRows } from './summary';
import { usageCsvRows } from './usage-csv';

export interface YearlyExportInput extends YearlyData {
  plan: YearlyExportPlan;
  /** As shown in the dashboard; used in the CSV files and the archive's name. */
  organizationName: string | null;
  /** "org-…", when known; the API's results do not carry it. */
  organizationId?: string | null;
  exportedAt: Date;
}

export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface YearlyManifestFile extends ManifestFile {
  dataset: Dataset | 'summary';
  month: MonthKey | null;
}

export interface ManifestRequest {
  endpoint: string;
  /** Query parameters as the client sent them (arrays as repeated keys), the page cursor aside. */
  params: WireParams;
  months: MonthKey[];
  /**
   * Only when the API refused what was asked (costs grouped by api_key_id, docs/facts.md §1):
   * the parameters asked for, and the API's answer that made the client send `params` instead.
   */
  asked?: WireParams;
  answered?: { status: number; message: string | null };
}

/** The yearly export's manifest: the shared core plus what was exported and how it was asked for. */
export interface YearlyManifest extends ManifestCore<YearlyManifestFile, ExportFailure> {
  kind: 'yearly-accounting-export';
  /** The archive's own spelling of the scope (the file format predates lib/admin-api/scope.ts). */
  scope: { kind: 'organization' } | { kind: 'project'; projectId: string };
  year: number;
  requests: ManifestRequest[];
  notes: string[];
}

export interface YearlyExport {
  /** `openai-costs_<organization or project>_<year>.zip`, `…_INCOMPLETE.zip` when anything failed. */
  archiveName: string;
  /** The CSV files in archive order; manifest.json is not among them. */
  files: ExportFile[];
  manifest: YearlyManifest;
}

const NOTES = [
  'amount_value is the API\'s amount in its shortest exact decimal form: the value is unchanged, but trailing zeros the API may send (0.8958740000000000) are not kept.',
  'summary.csv sums amounts in millionths of the currency unit, exactly.',
  'Columns are empty where the Admin API gave no value: user_email always, quantity without a line item, and user, API key, batch, service tier and token splits when the API leaves them out.',
  'A text cell (a name, id or line item) that starts with =, +, -, @, a tab or a carriage return is written with a leading single quote, so a spreadsheet shows it instead of running it; numbers are never changed.',
];

/** A planned call as the client reported sending it; one never sent is described as the client would send it. */
function manifestRequest(sent: SentListing | undefined, describe: () => SentListing['request'], months: MonthKey[]): ManifestRequest {
  const { endpoint, params } = sent?.request ?? describe();
  const refused = sent?.refused;
  return {
    endpoint,
    params,
    months,
    ...(refused ? { asked: refused.asked.params, answered: { status: refused.status, message: refused.message } } : {}),
  };
}

function apiKeyNote(refused: Refusal): string {
  const answer = `HTTP ${refused.status}${refused.message ? `: ${refused.message}` : ''}`;
  return `The Costs API refused group_by=api_key_id (${answer}), so those cost requests were sent without it (see requests[].asked and .answered). Their api_key_id column comes from completions usage instead: the one API key that carried the project's requests for the line item's model that day, empty when several keys did or the line item names no model. Dollars are never split between keys.`;
}

const DATASET_WORDS: Record<ExportFailure['dataset'], string> = {
  costs: 'costs',
  completions_usage: 'completions usage',
  projects: 'the project list (project_name columns are empty)',
};

function describeFailures(failures: readonly ExportFailure[]): string {
  const byDataset = new Map<ExportFailure['dataset'], string[]>();
  for (const failure of failures) {
    const months = byDataset.get(failure.dataset) ?? [];
    if (failure.month !== null) months.push(failure.month);
    byDataset.set(failure.dataset, months);
  }
  const parts = [...byDataset].map(([dataset, months]) =>
    months.length === 0 ? DATASET_WORDS[dataset] : `${DATASET_WORDS[dataset]} for ${months.join(', ')}`,
  );
  return incompleteWarning([
    `could not fetch ${parts.join('; ')}.`,
    'The files for those months are missing and summary.csv leaves out the missing costs. Export again to complete it.',
  ]);
}

/**
 * Every file of the yearly accounting archive and its manifest, from data already fetched
 * (fetchYearlyData). A month is written only when its request succeeded; every failure is
 * listed in the manifest, which then says complete: false, and marks the archive's name.
 */
export async function buildYearlyExport(input: YearlyExportInput): Promise<YearlyExport> {
  const { plan, failures } = input;
  const projectNames = new Map(
    input.projects.flatMap((project) => (project.name === null ? [] : [[project.id, project.name] as const])),
  );
  const failed = (dataset: ExportFailure['dataset'], month: MonthKey): boolean =>
    failures.some((failure) => failure.dataset === dataset && failure.month === month);
  const context = {
    projectNames,
    organizationId: input.organizationId ?? null,
    organizationName: input.organizationName,
  };

  // Months whose costs came without API keys: the API refused to group them by key.
  const refusals = plan.costs.flatMap(({ months }) => {
    const refused = input.sent?.[sentKey('costs', months)]?.refused;
    return refused ? [{ months, refused }] : [];
  });
  const keyFromUsage = apiKeyFromUsage(input.usageBuckets);
  const unkeyed = new Set(refusals.flatMap(({ months }) => months));

  const planned: (Omit<YearlyManifestFile, 'size' | 'sha256'> & { bytes: Uint8Array })[] = [];
  for (const span of plan.months) {
    if (!failed('costs', span.month)) {
      const apiKeyFor = unkeyed.has(span.month) ? keyFromUsage : undefined;
      const bytes = csvBytes(costCsvRows(input.costBuckets, span, { ...context, apiKeyFor }));
      planned.push({ fileName: monthFileName('costs', span), dataset: 'costs', month: span.month, bytes });
    }
  }
  for (const span of plan.months) {
    if (!failed('completions_usage', span.month)) {
      const bytes = csvBytes(usageCsvRows(input.usageBuckets, span));
      planned.push({ fileName: monthFileName('completions_usage', span), dataset: 'completions_usage', month: span.month, bytes });
    }
  }
  const missingCostMonths = plan.months.map((span) => span.month).filter((month) => failed('costs', month));
  planned.push({
    fileName: SUMMARY_FILE_NAME,
    dataset: 'summary',
    month: null,
    bytes: csvBytes(
      summaryCsvRows(
        input.costBuckets,
        plan.months.filter((span) => !failed('costs', span.month)),
        projectNames,
        missingCostMonths,
      ),
    ),
  });

  const files = await Promise.all(
    planned.map(async ({ fileName, dataset, month, bytes }) => {
      const { size, sha256 } = await describeFile(fileName, bytes);
      return { fileName, dataset, month, size, sha256 };
    }),
  );
  const complete = failures.length === 0;
  const projectId = scopeProjectId(plan.scope);
  const project = projectId === null ? null : (projectNames.get(projectId) ?? projectId);
  const first = plan.months[0];
  const last = plan.months.at(-1);
  const core = buildManifestCore({
    generatedAt: input.exportedAt,
    organization: input.organizationName,
    project,
    range: { start: first?.firstDay ?? '', endInclusive: last?.lastDay ?? '' },
    files,
    failures: failures.map(({ dataset, month, error }) => ({ dataset, month, error })),
    warning: complete ? null : describeFailures(failures),
  });
  const manifest: YearlyManifest = {
    ...core,
    kind: 'yearly-accounting-export',
    scope: projectId === null ? { kind: 'organization' } : { kind: 'project', projectId },
    year: plan.year,
    requests: [
      ...plan.costs.map(({ query, months }) =>
        manifestRequest(input.sent?.[sentKey('costs', months)], () => costsRequest(query), months),
      ),
      ...plan.usage.map(({ query, month }) =>
        manifestRequest(input.sent?.[sentKey('completions_usage', [month])], () => completionsUsageRequest(query), [month]),
      ),
    ],
    notes: refusals[0] ? [...NOTES, apiKeyNote(refusals[0].refused)] : NOTES,
  };

  return {
    archiveName: archiveFileName({
      prefix: 'openai-costs',
      owners: [project ?? input.organizationName],
      period: [String(plan.year)],
      complete: manifest.complete,
    }),
    files: planned.map(({ fileName, bytes }) => ({ fileName, bytes })),
    manifest,
  };
}
