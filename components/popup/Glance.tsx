import type { SpendLimitResult } from '../../lib/admin-api/spend-limits';
import { MAX_DETAIL_PROJECTS } from '../../lib/glance/request-plan';
import { burnDowns, describeBurnDown, type BurnDown } from '../../lib/glance/burn-down';
import type { KeyAttribution, KeyUsage } from '../../lib/usage/key-attribution';
import { limitFlags, type LimitFlag } from '../../lib/glance/limit-flags';
import { rankProjects, type ProjectRanking, type RankedProject } from '../../lib/glance/ranking';
import { summaryFor, type ProjectNames, type ProjectSummaries, type UsageCache } from '../../lib/usage/cache';
import { utcTimeLabel } from '../../lib/usage/display';
import { formatCount, formatMoney } from '../../lib/core/format';
import type { UsageScope, UsageSummary } from '../../lib/usage/summarize-usage';
import { spikeAlertSettings } from '../../lib/storage/settings';
import { useStorageItem } from '../ui/useStorageItem';
import type { GlanceDetails } from '../../lib/glance/details';

/**
 * The answers to "which project, which key, how close to the limit". Everything here is
 * computed from what the worker stored (the usage cache, the per-project figures, the glance
 * details): opening the popup makes no request.
 */

/** Every project summary of the refresh the cache belongs to, and the organization's. */
export function allSummaries(cache: UsageCache, projects: ProjectSummaries | null | undefined): Record<UsageScope, UsageSummary> {
  const summaries: Record<UsageScope, UsageSummary> = { ...cache.summaries };
  if (projects?.fetchedAt === cache.fetchedAt) {
    for (const id of Object.keys(projects.summaries)) {
      const summary = summaryFor(cache, id, projects);
      if (summary) summaries[id] = summary;
    }
  }
  return summaries;
}


export function ProjectRankingList({
  cache,
  projects,
  names,
  onOpen,
}: {
  cache: UsageCache;
  projects: ProjectSummaries | null | undefined;
  names: ProjectNames | null;
  onOpen(projectId: string): void;
}) {
  if (projects === undefined) return null;
  const ranking = rankProjects({ summaries: allSummaries(cache, projects), projects: names?.projects ?? [] });
  return (
    <section aria-labelledby="ranking-heading">
      <h2 id="ranking-heading">Projects by month to date</h2>
      {ranking.projects.length === 0 ? (
        <p class="hint">No project has spent anything this month.</p>
      ) : (
        <ol class="ranking" data-testid="ranking">
          {ranking.projects.map((project) => (
            <li key={project.projectId}>
              <RankingRow project={project} ranking={ranking} onOpen={onOpen} />
            </li>
          ))}
        </ol>
      )}
      {projects !== null && projects.fetchedAt === cache.fetchedAt && !projects.complete && (
        <p class="quiet">Only the biggest spenders are listed: the rest did not fit in the browser’s storage.</p>
      )}
    </section>
  );
}

function RankingRow({ project, ranking, onOpen }: { project: RankedProject; ranking: ProjectRanking; onOpen(projectId: string): void }) {
  const money = (micros: number) => formatMoney(micros, ranking.currency);
  const name = `${project.name ?? project.projectId}${project.archived ? ' (archived)' : ''}`;
  return (
    <button type="button" data-project={project.projectId} onClick={() => onOpen(project.projectId)}>
      <span class="rank-name">{name}</span>
      <span class="rank-month" data-testid="rank-month">
        {money(project.monthToDateMicros)}
      </span>
      <span class="rank-detail">
        today {money(project.todayMicros)} · 7 days {money(project.last7DaysMicros)}
      </span>
      <Sparkline days={project.sparkline.map((day) => day.costMicros)} />
    </button>
  );
}

/** Decoration only: the row's text already says the amounts. */
function Sparkline({ days }: { days: readonly number[] }) {
  const width = 70;
  const height = 16;
  const max = Math.max(1, ...days);
  const step = width / Math.max(1, days.length - 1);
  const points = days.map((value, i) => `${(i * step).toFixed(1)},${(height - 1 - (value / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <polyline class="sparkline" points={points} />
    </svg>
  );
}

/** The burn-down lines of the scopes shown: the organization's view lists every scope with a limit. */
export function SpendLimits({
  cache,
  projects,
  details,
  scope,
  names,
  now,
}: {
  cache: UsageCache;
  projects: ProjectSummaries | null | undefined;
  details: GlanceDetails | null | undefined;
  scope: UsageScope;
  names: ProjectNames | null;
  now: number;
}) {
  // Options may turn the flags off; until the setting is read, none are shown.
  const flagging = useStorageItem(spikeAlertSettings)?.flagUnlimitedSpend === true;
  if (!details) return null;
  const summaries = allSummaries(cache, projects);
  const currency = cache.summaries.organization?.currency ?? 'USD';
  const limits: Partial<Record<UsageScope, SpendLimitResult>> =
    scope === 'organization' ? details.limits : { [scope]: details.limits[scope] };
  const rows = burnDowns({ summaries, limits, now });
  const own = details.limits[scope];
  const label = (id: UsageScope) =>
    id === 'organization' ? 'Organization' : (names?.projects.find((project) => project.id === id)?.name ?? id);
  const allFlags = flagging ? limitFlags({ summaries, limits: details.limits, projects: names?.projects ?? [] }) : [];
  // A project's own view already says it has no limit; only the Default project's reason is added there.
  const flags = scope === 'organization' ? allFlags : allFlags.filter((flag) => flag.projectId === scope && flag.kind === 'default-project');
  return (
    <section aria-labelledby="limits-heading" data-testid="spend-limits">
      <h2 id="limits-heading">Monthly spend limit</h2>
      {rows.length > 0 && (
        <ul class="burn-downs">
          {rows.map((burn) => (
            <BurnDownLine key={burn.scope} burn={burn} currency={currency} label={label(burn.scope)} />
          ))}
        </ul>
      )}
      {own?.state === 'not-allowed' && (
        <p class="quiet" data-testid="limit-not-allowed">
          This admin key may not read spend limits (403), so the limit is not shown. An organization owner’s key can read them.
        </p>
      )}
      {flags.length > 0 && (
        <ul class="burn-downs limit-flags" data-testid="limit-flags">
          {flags.map((flag) => (
            <LimitFlagLine key={flag.projectId} flag={flag} label={label(flag.projectId)} currency={currency} />
          ))}
        </ul>
      )}
      {own?.state === 'no-limit' && !flags.some((flag) => flag.projectId === scope) && (
        <p class="quiet" data-testid="limit-none">
          No monthly spend limit is set for {scope === 'organization' ? 'the organization' : 'this project'}.
        </p>
      )}
      {own === undefined && rows.length === 0 && <p class="quiet">The limit is read with the next refresh.</p>}
    </section>
  );
}

/** Quiet, not an error: spend that no limit holds. */
function LimitFlagLine({ flag, label, currency }: { flag: LimitFlag; label: string; currency: string }) {
  const spent = formatMoney(flag.monthToDateMicros, currency);
  return (
    <li class="quiet" data-testid={`limit-flag-${flag.projectId}`}>
      {flag.kind === 'default-project'
        ? `${label}: ${spent} this month. The Default project cannot be given a spend limit; work moved to a project of its own can be.`
        : `${label}: ${spent} this month and no spend limit set.`}
    </li>
  );
}

function BurnDownLine({ burn, currency, label }: { burn: BurnDown; currency: string; label: string }) {
  const text = describeBurnDown(burn, currency);
  const over = burn.status === 'exceeded' || burn.status === 'will-exceed';
  return (
    <li class="burn-down" data-testid={`burn-down-${burn.scope}`}>
      <strong>{label}:</strong> {text}
      {burn.status === 'will-exceed' || burn.status === 'within' ? ' (projection, an estimate)' : ''}
      <div
        class={`burn-meter${over ? ' over' : ''}`}
        role="meter"
        aria-label={`${label}: share of the limit used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, burn.usedPercent)}
      >
        <span style={{ width: `${Math.min(100, burn.usedPercent)}%` }} />
      </div>
    </li>
  );
}

/** Which keys carried the project's traffic this month. Dollars per key are an estimate and say so. */
export function ProjectKeys({
  details,
  projectId,
  currency,
  now,
}: {
  details: GlanceDetails | null | undefined;
  projectId: string;
  currency: string;
  now: number;
}) {
  if (!details) return null;
  const attribution: KeyAttribution | undefined = details.keys[projectId];
  const listForbidden = details.keyLists[projectId] === null;
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">Which key, month to date</h2>
      {!attribution && (details.omitted ?? 0) > 0 ? (
        <p class="hint" data-testid="keys-not-kept">
          Keys are kept for the {formatCount(MAX_DETAIL_PROJECTS)} biggest spenders of this organization only, and this project is not
          among them. Its usage by key is on the dashboard’s Usage page.
        </p>
      ) : !attribution || attribution.keys.length === 0 ? (
        <p class="hint">No key carried traffic in this project this month.</p>
      ) : (
        <table class="keys" data-testid="keys">
          <caption class="quiet" style={{ captionSide: 'bottom', textAlign: 'left' }}>
            {attribution.estimateNote}
          </caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col" class="num">
                Tokens
              </th>
              <th scope="col" class="num">
                Cost (estimate)
              </th>
            </tr>
          </thead>
          <tbody>
            {attribution.keys.map((key) => (
              <KeyRow key={key.apiKeyId ?? 'none'} usage={key} currency={currency} note={attribution.estimateNote} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {listForbidden && (
        <p class="quiet" data-testid="keys-not-allowed">
          This admin key may not list the project’s API keys (403), so keys are shown by id.
        </p>
      )}
    </section>
  );
}

function KeyRow({ usage, currency, note, now }: { usage: KeyUsage; currency: string; note: string; now: number }) {
  const name = usage.apiKeyId === null ? 'No key (e.g. the Playground)' : (usage.name ?? usage.apiKeyId);
  const meta = [
    usage.owner ? `owner ${usage.owner}` : null,
    usage.apiKeyId !== null && usage.name === null ? 'not in the key list' : null,
    usage.lastUsedAt !== null ? `last used ${utcTimeLabel(usage.lastUsedAt * 1000, now)}` : null,
    usage.topModel,
  ].filter(Boolean);
  return (
    <tr data-key={usage.apiKeyId ?? ''}>
      <th scope="row">
        <span class="key-name">{name}</span>
        {meta.length > 0 && <span class="meta">{meta.join(' · ')}</span>}
      </th>
      <td class="num">{formatCount(usage.inputTokens + usage.outputTokens)}</td>
      <td class="num" title={note}>
        {usage.estimatedCostMicros === null ? '—' : `≈ ${formatMoney(usage.estimatedCostMicros, currency)}`}{' '}
        <span class="estimate-label">estimate</span>
      </td>
    </tr>
  );
}
