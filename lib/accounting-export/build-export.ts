import { capabilityUsageRequest, completionsUsageRequest, costsRequest, type CompletionsGroupBy, type Refusal, type SentListing, type WireParams } from '../admin-api/client';
import { archiveFileName } from '../archive/archive-name';
import { buildManifestCore, describeFile, incompleteWarning, type ManifestCore, type ManifestFile } from '../archive/manifest';
import type { MonthKey } from '../archive/month-range';
import { costCsvRows } from './cost-csv';
import { csvBytes } from './csv';
import { apiKeyFromUsage } from './key-from-usage';
import { sentKey, type ExportFailure, type UnreadableCapability, type AccountingData } from './fetch-data';
import { capabilityCsvRows } from './capability-csv';
import { CAPABILITIES, capabilityWords, usageDataset } from './capabilities';
import { FOCUS_FILE_NAME, focusCsvRows } from './focus-csv';
import { FOCUS_VERSION } from './focus-rules';
import { focusProblems } from './focus-validate';
import { periodDays, periodLabel, type ExportPeriod } from './period';
import { reconcile, type Reconciliation } from './reconcile';
import { monthFileName, type Dataset } from './months';
import { scopeProjectId } from '../admin-api/scope';
import type { AccountingExportPlan } from './request-plan';
import { SUMMARY_FILE_NAME, summaryCsvRows } from './summary';
import { usageCsvRows } from './usage-csv';

export interface AccountingExportInput extends AccountingData {
  plan: AccountingExportPlan;
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

export interface AccountingManifestFile extends ManifestFile {
  dataset: Dataset | 'summary' | 'focus';
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

/** The accounting export's manifest: the shared core plus what was exported and how it was asked for. */
export interface AccountingManifest extends ManifestCore<AccountingManifestFile, ExportFailure> {
  kind: 'accounting-export';
  /** The archive's own spelling of the scope (the file format predates lib/admin-api/scope.ts). */
  scope: { kind: 'organization' } | { kind: 'project'; projectId: string };
  /**
   * The period asked for, its name as in the archive's, and its days. A period still under way
   * is fetched only to today (UTC): `lastDay` is the last day the files cover, `cutAtToday`
   * says the period goes on after it, and the label ends in "to-<lastDay>".
   */
  period: { asked: ExportPeriod; label: string; days: { start: string; endInclusive: string }; lastDay: string; cutAtToday: boolean };
  /** The calendar year, for a year's export; null for any other period. */
  year: number | null;
  /** Every usage capability asked for, in file order; those the key may not read are in `unreadable`. */
  capabilities: string[];
  /** Capabilities the API refused to this key (403): not exported, and not a failure. */
  unreadable: UnreadableCapability[];
  focus: { version: string; fileName: string; valid: boolean; problems: string[] };
  /** summary.csv, the cost files and the FOCUS file summed per month and per project (see reconcile). */
  reconciliation: Reconciliation;
  requests: ManifestRequest[];
  notes: string[];
}

export interface AccountingExport {
  /** `openai-costs_<organization or project>_<period>.zip`, `…_INCOMPLETE.zip` when anything failed. */
  archiveName: string;
  /** The CSV files in archive order; manifest.json is not among them. */
  files: ExportFile[];
  manifest: AccountingManifest;
}

const NOTES = [
  'amount_value is the API\'s amount in its shortest exact decimal form: the value is unchanged, but trailing zeros the API may send (0.8958740000000000) are not kept.',
  'summary.csv sums amounts in millionths of the currency unit, exactly.',
  'Columns are empty where the Admin API gave no value: user_email always, quantity without a line item, and user, API key, batch, service tier and token splits when the API leaves them out.',
  `${FOCUS_FILE_NAME} holds the same costs in FOCUS ${FOCUS_VERSION}: the project is the SubAccount, the line item the ChargeDescription, each daily ChargePeriod lies in its calendar month's BillingPeriod, and BilledCost, EffectiveCost, ListCost and ContractedCost are the API's amount (it gives no list price or discount). A cost without a quantity counts as 1 Days (x_QuantityFromApi = false); BillingAccountId is the organization id, else its name, else "openai-organization".`,
  'summary.csv, the cost files and the FOCUS file are summed again from the written files per month and per project in micro-units; reconciliation records the sums and whether they match.',
  'Each usage capability has its own file per month, with the columns of its results in the Admin API; a capability the key may not read (HTTP 403) is listed under unreadable and has no files.',
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

function cutNote(cutAt: string, endInclusive: string): string {
  return `The period was still under way when exported: the files cover it only to ${cutAt} (UTC), not to ${endInclusive}, and summary.csv's TOTAL is the total so far. Export again after ${endInclusive} for the whole period.`;
}

const datasetWords = (dataset: ExportFailure['dataset']): string => {
  if (dataset === 'costs') return 'costs';
  if (dataset === 'projects') return 'the project list (project_name columns are empty)';
  return capabilityWords(dataset.replace(/_usage$/, '') as (typeof CAPABILITIES)[number]);
};

function describeFailures(failures: readonly ExportFailure[]): string {
  const byDataset = new Map<ExportFailure['dataset'], string[]>();
  for (const failure of failures) {
    const months = byDataset.get(failure.dataset) ?? [];
    if (failure.month !== null) months.push(failure.month);
    byDataset.set(failure.dataset, months);
  }
  const parts = [...byDataset].map(([dataset, months]) =>
    months.length === 0 ? datasetWords(dataset) : `${datasetWords(dataset)} for ${months.join(', ')}`,
  );
  return incompleteWarning([
    `could not fetch ${parts.join('; ')}.`,
    'The files for those months are missing and summary.csv and the FOCUS file leave out the missing costs. Export again to complete it.',
  ]);
}

/**
 * Every file of the accounting archive and its manifest, from data already fetched
 * (fetchAccountingData). A month is written only when its request succeeded; every failure is
 * listed in the manifest, which then says complete: false, and marks the archive's name.
 */
export async function buildAccountingExport(input: AccountingExportInput): Promise<AccountingExport> {
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

  const planned: (Omit<AccountingManifestFile, 'size' | 'sha256'> & { bytes: Uint8Array })[] = [];
  for (const span of plan.months) {
    if (!failed('costs', span.month)) {
      const apiKeyFor = unkeyed.has(span.month) ? keyFromUsage : undefined;
      const bytes = csvBytes(costCsvRows(input.costBuckets, span, { ...context, apiKeyFor }));
      planned.push({ fileName: monthFileName('costs', span), dataset: 'costs', month: span.month, bytes });
    }
  }
  const unreadable = new Set(input.unreadable.map((entry) => entry.capability));
  const asked = CAPABILITIES.filter((capability) => plan.usage.some((request) => request.capability === capability));
  for (const capability of asked) {
    if (unreadable.has(capability)) continue;
    const dataset = usageDataset(capability);
    for (const span of plan.months) {
      if (failed(dataset, span.month)) continue;
      const bytes = csvBytes(
        capability === 'completions'
          ? usageCsvRows(input.usageBuckets, span)
          : capabilityCsvRows(capability, input.capabilityBuckets[capability] ?? [], span),
      );
      planned.push({ fileName: monthFileName(dataset, span), dataset, month: span.month, bytes });
    }
  }
  const missingCostMonths = plan.months.map((span) => span.month).filter((month) => failed('costs', month));
  const costMonths = plan.months.filter((span) => !failed('costs', span.month));
  const summaryBytes = csvBytes(summaryCsvRows(input.costBuckets, costMonths, projectNames, missingCostMonths, plan.cutAt));
  planned.push({ fileName: SUMMARY_FILE_NAME, dataset: 'summary', month: null, bytes: summaryBytes });
  // As in the cost files: only months whose costs came without keys take them from usage.
  const apiKeyFor = (day: number, projectId: string | null, lineItem: string | null) => {
    const month = plan.months.find((span) => day >= span.start && day < span.end)?.month;
    return month !== undefined && unkeyed.has(month) ? keyFromUsage(day, projectId, lineItem) : null;
  };
  const focusBytes = csvBytes(focusCsvRows(input.costBuckets, costMonths, { ...context, apiKeyFor }));
  planned.push({ fileName: FOCUS_FILE_NAME, dataset: 'focus', month: null, bytes: focusBytes });

  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const focusText = decode(focusBytes);
  const problems = focusProblems(focusText);
  const reconciliation = reconcile({
    summaryCsv: decode(summaryBytes),
    costCsvs: planned.filter((file) => file.dataset === 'costs').map((file) => decode(file.bytes)),
    focusCsv: focusText,
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
  const label = periodLabel(plan.period, plan.cutAt);
  const days = periodDays(plan.period);
  const core = buildManifestCore({
    generatedAt: input.exportedAt,
    organization: input.organizationName,
    project,
    range: { start: first?.firstDay ?? '', endInclusive: last?.lastDay ?? '' },
    files,
    failures: failures.map(({ dataset, month, error }) => ({ dataset, month, error })),
    warning: complete ? null : describeFailures(failures),
  });
  const manifest: AccountingManifest = {
    ...core,
    kind: 'accounting-export',
    scope: projectId === null ? { kind: 'organization' } : { kind: 'project', projectId },
    period: { asked: plan.period, label: label.join('_'), days, lastDay: plan.cutAt ?? days.endInclusive, cutAtToday: plan.cutAt !== null },
    year: plan.period.kind === 'year' ? plan.period.year : null,
    capabilities: asked,
    unreadable: input.unreadable,
    focus: { version: FOCUS_VERSION, fileName: FOCUS_FILE_NAME, valid: problems.length === 0, problems },
    reconciliation,
    requests: [
      ...plan.costs.map(({ query, months }) =>
        manifestRequest(input.sent?.[sentKey('costs', months)], () => costsRequest(query), months),
      ),
      ...plan.usage.flatMap(({ capability, query, months }) => {
        const sent = input.sent?.[sentKey(usageDataset(capability), months)];
        // A capability refused once is not asked again: its calls never sent are not listed.
        if (!sent && unreadable.has(capability)) return [];
        const describe = () =>
          capability === 'completions'
            ? completionsUsageRequest({ ...query, groupBy: query.groupBy as readonly CompletionsGroupBy[] | undefined })
            : capabilityUsageRequest(capability, query);
        return [manifestRequest(sent, describe, months)];
      }),
    ],
    notes: [
      ...NOTES,
      ...(plan.cutAt === null ? [] : [cutNote(plan.cutAt, days.endInclusive)]),
      ...(refusals[0] ? [apiKeyNote(refusals[0].refused)] : []),
    ],
  };

  return {
    archiveName: archiveFileName({
      prefix: 'openai-costs',
      owners: [project ?? input.organizationName],
      period: label,
      complete: manifest.complete,
    }),
    files: planned.map(({ fileName, bytes }) => ({ fileName, bytes })),
    manifest,
  };
}
