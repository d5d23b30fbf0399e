import type { UsageGlanceSettings } from '../storage/settings';
import { fromMicros, normalizeCurrency, type Micros } from '../core/money';
import { utcDayStart } from '../core/utc-days';
import { formatMoney } from '../core/format';
import { currentCache, summaryFor, type ProjectNames, type ProjectSummaries, type UsageCache, type UsageStatus } from '../usage/cache';
import { describeFreshness } from '../usage/display';
import type { SpikeNotice } from '../spike-alerts/notice';
import { isFromToday, type OrganizationFigures } from '../usage/organizations';

export interface BadgeState {
  text: string;
  /** Background colour. */
  color: string;
  /** The toolbar button's tooltip. */
  title: string;
}

export const BADGE_NORMAL = '#4d5156';
export const BADGE_OVER_THRESHOLD = '#c5221f';
const EXTENSION_NAME = 'Refined OpenAI Platform';

/**
 * A badge fits about four characters: "$0", "$3", "$12", "$999", "$1.2k", "$15k", "$2.5M".
 * Whole units below a thousand; an amount that would round to "$0" reads "<$1" so a
 * small spend never looks like none. The badge alone keeps this one compact form in
 * every locale: a locale's own compact currency ("1,2 Tsd. $") does not fit four
 * characters. Its tooltip follows the locale (lib/locale/format.ts).
 */
export function compactMoney(micros: Micros, currency: string): string {
  const symbol = currencySymbol(currency);
  const units = fromMicros(micros);
  if (units === 0) return `${symbol}0`;
  if (units < 0.5) return `<${symbol}1`;
  for (const [size, suffix] of [
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    // Whatever would round up to 1000 of the smaller unit ("$1000", "$1000k") is too wide.
    if (units >= size * 0.9995) {
      const scaled = units / size;
      const shown = scaled < 9.95 ? scaled.toFixed(1).replace(/\.0$/, '') : String(Math.round(scaled));
      return `${symbol}${shown}${suffix}`;
    }
  }
  return `${symbol}${Math.round(units)}`;
}

function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: normalizeCurrency(currency),
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? '';
}

/**
 * Today's spend in the chosen scope, from a cache made on the same UTC day (after
 * midnight an older cache's "today" is yesterday, so the badge goes blank until the next
 * refresh rather than show it).
 */
export function badgeState(input: {
  cache: UsageCache | null;
  /** The same refresh's per-project figures, for a badge that counts one project. */
  projects?: ProjectSummaries | null;
  /** For the project's name in the tooltip. */
  names?: ProjectNames | null;
  status: UsageStatus;
  settings: UsageGlanceSettings;
  now: number;
  /** Spikes notified and not yet looked at: they outrank everything else until the popup is opened. */
  unseenSpikes?: readonly Pick<SpikeNotice, 'title'>[];
  /** Every organization's figures (lib/usage/organizations.ts), for a badge that counts all of them or another one. */
  organizations?: Readonly<Record<string, OrganizationFigures>> | null;
}): BadgeState {
  const { status, settings } = input;
  const cache = currentCache(input.cache);
  const [latest, ...others] = input.unseenSpikes ?? [];
  if (latest) {
    const more = others.length > 0 ? ` (+${others.length} more)` : '';
    return { text: '!', color: BADGE_OVER_THRESHOLD, title: `${EXTENSION_NAME}: ${latest.title}${more}. Open to see it.` };
  }
  if (status.problem?.kind === 'no-key') return { text: '', color: BADGE_NORMAL, title: `${EXTENSION_NAME}: no admin key` };
  const chosen = settings.badgeOrganization;
  const organizations = Object.values(input.organizations ?? {});
  if (chosen !== undefined && organizations.length > 1) {
    const counted = chosen === 'all' ? organizations : organizations.filter((entry) => entry.organizationId === chosen);
    if (counted.length > 0) return organizationsBadge(counted, chosen === 'all' ? `all ${counted.length} organizations` : counted[0]!.name, settings, input.now);
  }
  const sameDay = cache !== null && utcDayStart(cache.fetchedAt / 1000) === utcDayStart(input.now / 1000);
  if (!cache || !sameDay) {
    const why = status.problem ? 'usage could not be refreshed' : 'usage not loaded yet';
    return { text: '', color: BADGE_NORMAL, title: `${EXTENSION_NAME}: ${why}` };
  }
  const summary = summaryFor(cache, settings.badgeScope, input.projects);
  if (!summary) return { text: '', color: BADGE_NORMAL, title: `${EXTENSION_NAME}: figures for ${settings.badgeScope} arrive with the next refresh` };
  const spent = summary.today.costMicros;
  const over = settings.dailyThresholdMicros !== null && spent > settings.dailyThresholdMicros;
  const scopeName =
    settings.badgeScope === 'organization'
      ? 'organization'
      : (input.names?.projects.find((project) => project.id === settings.badgeScope)?.name ?? settings.badgeScope);
  const threshold =
    settings.dailyThresholdMicros === null
      ? ''
      : `, ${over ? 'over' : 'within'} the ${formatMoney(settings.dailyThresholdMicros, summary.currency)} daily limit`;
  const failed = status.problem ? ' (last refresh failed)' : '';
  // Today is never final: costs arrive about daily, so say how far they have come.
  return {
    text: compactMoney(spent, summary.currency),
    color: over ? BADGE_OVER_THRESHOLD : BADGE_NORMAL,
    title:
      `${EXTENSION_NAME}: today (UTC) so far ${formatMoney(spent, summary.currency)} in ${scopeName}${threshold}${failed}. ` +
      `Complete: ${describeFreshness(cache.freshness, input.now)}; later costs are still arriving.`,
  };
}

/**
 * Today's spend of the organizations counted (all of them, or one other than the first),
 * each from a refresh made on the same UTC day: one that is not is left out and said.
 */
function organizationsBadge(counted: readonly OrganizationFigures[], label: string, settings: UsageGlanceSettings, now: number): BadgeState {
  const today = counted.filter((entry) => entry.summary !== null && isFromToday(entry.fetchedAt, now));
  const currencies = new Set(today.map((entry) => entry.summary!.currency));
  if (today.length === 0 || currencies.size !== 1) {
    const why = today.length === 0 ? 'usage not loaded yet' : 'the organizations bill in different currencies';
    return { text: '', color: BADGE_NORMAL, title: `${EXTENSION_NAME}: ${label}: ${why}` };
  }
  const currency = [...currencies][0]!;
  const spent = today.reduce((sum, entry) => sum + entry.summary!.today.costMicros, 0);
  const over = settings.dailyThresholdMicros !== null && spent > settings.dailyThresholdMicros;
  const missing = counted.filter((entry) => !today.includes(entry)).map((entry) => entry.name);
  const failed = counted.filter((entry) => entry.status.problem !== null).map((entry) => entry.name);
  const threshold =
    settings.dailyThresholdMicros === null ? '' : `, ${over ? 'over' : 'within'} the ${formatMoney(settings.dailyThresholdMicros, currency)} daily limit`;
  return {
    text: compactMoney(spent, currency),
    color: over ? BADGE_OVER_THRESHOLD : BADGE_NORMAL,
    title:
      `${EXTENSION_NAME}: today (UTC) so far ${formatMoney(spent, currency)} in ${label}${threshold}` +
      `${missing.length > 0 ? ` (not counted: ${missing.join(', ')})` : ''}${failed.length > 0 ? ` (last refresh failed: ${failed.join(', ')})` : ''}. ` +
      'Later costs are still arriving.',
  };
}
