import { formatCount, formatMoney } from '../../lib/core/format';
import type { SeenProject } from '../../lib/usage/seen-projects';
import type { PeriodTotals, UsageScope, UsageSummary } from '../../lib/usage/summarize-usage';
import {
  effectiveRetryAt,
  summaryFor,
  type ProjectNames,
  type ProjectSummaries,
  type UsageCache,
  type UsageFreshness,
  type UsageStatus,
} from '../../lib/usage/cache';
import { describeAge, describeFreshness, isCostDayComplete, isStale, LOGS_URL, USAGE_URL } from '../../lib/usage/display';
import type { ComponentChildren } from 'preact';
import { DailyCostChart } from './DailyCostChart';
import { ProjectKeys, ProjectRankingList, SpendLimits } from './Glance';
import { NoKey } from './NoKey';
import { ProblemBanner } from './ProblemBanner';
import { ProjectPicker } from '../ui/ProjectPicker';
import type { GlanceDetails } from '../../lib/glance/details';

export interface UsagePopupProps {
  cache: UsageCache | null;
  /** The projects the picker offers. */
  names: ProjectNames | null;
  /** The same refresh's per-project figures; undefined while being read. */
  projectSummaries?: ProjectSummaries | null;
  /** Keys and spend limits (storage.session); undefined while being read. */
  details?: GlanceDetails | null;
  status: UsageStatus;
  scope: UsageScope;
  refreshing: boolean;
  /** Epoch milliseconds, for "updated N minutes ago" and staleness. */
  now: number;
  refreshMinutes: number;
  onScopeChange(scope: UsageScope): void;
  onRefresh(): void;
  onOpenOptions(): void;
}


export function UsagePopup(props: UsagePopupProps) {
  const { cache, status, now } = props;
  const problem = status.problem;
  if (problem?.kind === 'no-key') return <NoKey onOpenOptions={props.onOpenOptions} />;
  return (
    <div class="usage-popup">
      <header class="popup-header">
        <h1>Usage</h1>
        {cache && <ScopePicker projects={props.names?.projects ?? []} scope={props.scope} onChange={props.onScopeChange} />}
        <button type="button" onClick={props.onRefresh} disabled={props.refreshing}>
          {props.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      {problem && (
        <ProblemBanner
          problem={problem}
          retryAt={effectiveRetryAt(status, now)}
          now={now}
          hasCache={cache !== null}
          onOpenOptions={props.onOpenOptions}
        />
      )}
      {!cache && !problem && <p class="hint" data-testid="loading">Loading usage…</p>}
      {cache && !problem && isStale(cache, now, props.refreshMinutes) && (
        <div class="banner banner-stale" data-testid="stale">
          These figures are from {new Date(cache.fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC and may be out of
          date{props.refreshing ? '; refreshing now.' : '. Press Refresh to update them.'}
        </div>
      )}
      {cache && (
        <p class="freshness" data-testid="freshness">
          Complete: {describeFreshness(cache.freshness, now)}. Later costs are still arriving and may change.
        </p>
      )}
      {cache && props.scope !== 'organization' && (
        <button type="button" class="back" onClick={() => props.onScopeChange('organization')}>
          ← All projects
        </button>
      )}
      {cache && (
        <ScopeSummary cache={cache} scope={props.scope} projects={props.projectSummaries} refreshing={props.refreshing}>
          <SpendLimits
            cache={cache}
            projects={props.projectSummaries}
            details={props.details}
            scope={props.scope}
            names={props.names}
            now={now}
          />
          {props.scope === 'organization' ? (
            <ProjectRankingList cache={cache} projects={props.projectSummaries} names={props.names} onOpen={props.onScopeChange} />
          ) : (
            <ProjectKeys
              details={props.details}
              projectId={props.scope}
              currency={cache.summaries.organization?.currency ?? 'USD'}
              now={now}
            />
          )}
        </ScopeSummary>
      )}
      <footer class="popup-footer">
        {cache && <span data-testid="updated">{describeAge(cache.fetchedAt, now)}</span>}
        <span>Buckets are UTC days</span>
        <span class="links">
          <a href={USAGE_URL} target="_blank" rel="noreferrer">
            Usage
          </a>
          <a href={LOGS_URL} target="_blank" rel="noreferrer">
            Logs
          </a>
        </span>
      </footer>
    </div>
  );
}

function ScopePicker({
  projects,
  scope,
  onChange,
}: {
  projects: readonly SeenProject[];
  scope: UsageScope;
  onChange(scope: UsageScope): void;
}) {
  return (
    <ProjectPicker label="Scope" organizationLabel="Whole organization" projects={projects} value={scope} onChange={onChange} />
  );
}

function ScopeSummary(props: {
  cache: UsageCache;
  scope: UsageScope;
  projects: ProjectSummaries | null | undefined;
  refreshing: boolean;
  children?: ComponentChildren;
}) {
  const summary = summaryFor(props.cache, props.scope, props.projects);
  if (summary) return <Summary summary={summary} freshness={props.cache.freshness}>{props.children}</Summary>;
  return (
    <p class="hint" data-testid="scope-pending">
      {props.projects === undefined
        ? 'Loading this project’s figures…'
        : props.projects?.fetchedAt === props.cache.fetchedAt
          ? 'This project’s figures were not kept: the organization has more active projects than fit in the browser’s storage.'
          : `This project’s figures arrive with the next refresh${props.refreshing ? ', under way now.' : '.'}`}
    </p>
  );
}

function Summary({ summary, freshness, children }: { summary: UsageSummary; freshness: UsageFreshness; children?: ComponentChildren }) {
  const money = (micros: number) => formatMoney(micros, summary.currency);
  const today = summary.daily.at(-1)?.startTime ?? 0;
  const firstOfMonth = new Date(today * 1000).getUTCDate() === 1;
  // Periods that end today are partial by nature; yesterday is, until its costs are in.
  const yesterdayComplete = isCostDayComplete(today - 86_400, freshness);
  const figures: [id: string, label: string, value: string, note: string | null][] = [
    ['today', 'Today', money(summary.today.costMicros), 'so far'],
    ['yesterday', 'Yesterday', money(summary.yesterday.costMicros), yesterdayComplete ? null : 'incomplete'],
    ['last-7-days', 'Last 7 days', money(summary.last7Days.costMicros), 'so far'],
    ['month-to-date', 'Month to date', money(summary.monthToDate.costMicros), 'so far'],
    [
      'projected',
      'Projected month end',
      summary.projectedMonthEndMicros === null
        ? firstOfMonth
          ? '— (first day)'
          : '— (no complete day yet)'
        : money(summary.projectedMonthEndMicros),
      null,
    ],
  ];
  const periods: [string, PeriodTotals][] = [
    ['Today', summary.today],
    ['7 days', summary.last7Days],
    ['Month', summary.monthToDate],
  ];
  return (
    <>
      <dl class="figures">
        {figures.map(([id, label, value, note]) => (
          <div key={id} class="figure">
            <dt>
              {label}
              {note && (
                <span class="figure-note" data-testid={`note-${id}`}>
                  {' '}
                  ({note})
                </span>
              )}
            </dt>
            <dd data-testid={`cost-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {children}
      <h2>Tokens and requests</h2>
      <table class="tokens">
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Measure</span>
            </th>
            {periods.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['input', 'Input tokens', (totals: PeriodTotals) => totals.inputTokens],
              ['output', 'Output tokens', (totals: PeriodTotals) => totals.outputTokens],
              ['requests', 'Requests', (totals: PeriodTotals) => totals.requests],
            ] as const
          ).map(([id, label, read]) => (
            <tr key={id} data-testid={`row-${id}`}>
              <th scope="row">{label}</th>
              {periods.map(([period, totals]) => (
                <td key={period}>{formatCount(read(totals))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Daily cost, last 30 days</h2>
      <DailyCostChart daily={summary.daily} currency={summary.currency} completeThrough={freshness.costsCompleteThrough} />
      <div class="tops">
        <section>
          <h2>Top line items</h2>
          {summary.topLineItems.length === 0 ? (
            <p class="hint">No costs in 30 days.</p>
          ) : (
            <ol data-testid="top-line-items">
              {summary.topLineItems.map((item) => (
                <li key={item.lineItem ?? ''}>
                  <span>{item.lineItem ?? 'Other'}</span>
                  <span>{money(item.costMicros)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section>
          <h2>Top models</h2>
          {summary.topModels.length === 0 ? (
            <p class="hint">No completions in 30 days.</p>
          ) : (
            <ol data-testid="top-models">
              {summary.topModels.map((model) => (
                <li key={model.model ?? ''}>
                  <span>{model.model ?? 'Other'}</span>
                  <span>{formatCount(model.inputTokens + model.outputTokens)} tokens</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
