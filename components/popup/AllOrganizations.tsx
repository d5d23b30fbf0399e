import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '../../lib/core/format';
import { organizationsOverview, type OrganizationFigures } from '../../lib/usage/organizations';

export const ALL_ORGANIZATIONS = 'all';

interface Props {
  figures: Record<string, OrganizationFigures>;
  /** Epoch ms: lines read on an earlier UTC day are shown with their date and left out of the totals. */
  now: number;
  /** The active platform tab's organization id, if it showed one: the view opens on it when it has a key. */
  tabOrganizationId: string | null;
}

/**
 * The "All organizations" view (shown once two organizations have keys): the totals, and one
 * line per organization with today, the month to date and the projection, biggest spender
 * first; an organization whose last refresh failed is named with why. Picking one organization
 * shows its own figures; the first organization's full glance stays below as it always was.
 */
export function AllOrganizations({ figures, now, tabOrganizationId }: Props) {
  const entries = Object.values(figures);
  const [view, setView] = useState<string>(ALL_ORGANIZATIONS);
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    if (!chosen && tabOrganizationId !== null && figures[tabOrganizationId]) setView(tabOrganizationId);
  }, [tabOrganizationId, chosen, figures]);
  if (entries.length < 2) return null;
  const overview = organizationsOverview(entries, now);
  const lines = view === ALL_ORGANIZATIONS ? overview.lines : overview.lines.filter((line) => line.organizationId === view);
  const failed = view === ALL_ORGANIZATIONS ? overview.failed : overview.failed.filter((entry) => entry.organizationId === view);
  const projected = (micros: number | null, currency: string) => (micros === null ? 'not yet' : formatMoney(micros, currency));
  return (
    <section class="all-organizations" aria-labelledby="all-organizations-heading" data-testid="all-organizations">
      <h2 id="all-organizations-heading">Organizations</h2>
      <label>
        View{' '}
        <select
          aria-label="Organization view"
          value={view}
          onChange={(event) => {
            setChosen(true);
            setView(event.currentTarget.value);
          }}
        >
          <option value={ALL_ORGANIZATIONS}>All organizations</option>
          {entries.map((entry) => (
            <option key={entry.organizationId} value={entry.organizationId}>
              {entry.name}
            </option>
          ))}
        </select>
      </label>
      {view === ALL_ORGANIZATIONS &&
        (overview.totals ? (
          <p data-testid="organizations-total">
            All {entries.length} organizations: today {formatMoney(overview.totals.todayMicros, overview.totals.currency)}, month to date{' '}
            {formatMoney(overview.totals.monthToDateMicros, overview.totals.currency)}, projected{' '}
            {projected(overview.totals.projectedMonthEndMicros, overview.totals.currency)}
          </p>
        ) : (
          overview.lines.length > 0 && <p class="quiet">No total: the organizations bill in different currencies.</p>
        ))}
      <table data-testid="organization-lines">
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Today</th>
            <th scope="col">Month to date</th>
            <th scope="col">Projected</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.organizationId} data-organization={line.organizationId}>
              <th scope="row">
                {line.name}
                {!line.current && <span class="quiet"> (as of {formatDateTime(line.fetchedAt)})</span>}
              </th>
              <td class="num">{formatMoney(line.todayMicros, line.currency)}</td>
              <td class="num">{formatMoney(line.monthToDateMicros, line.currency)}</td>
              <td class="num">{projected(line.projectedMonthEndMicros, line.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failed.length > 0 && (
        <ul class="banner banner-error" data-testid="organization-failures">
          {failed.map((entry) => (
            <li key={entry.organizationId}>
              {entry.name}: not refreshed. {entry.message}
              {overview.lines.some((line) => line.organizationId === entry.organizationId) ? ' Its last figures are shown.' : ''}
            </li>
          ))}
        </ul>
      )}
      {view === ALL_ORGANIZATIONS && overview.notCounted.length > 0 && (
        <p class="quiet" data-testid="organizations-not-counted">
          Not in the totals, their figures are from an earlier day: {overview.notCounted.join(', ')}.
        </p>
      )}
      {view === ALL_ORGANIZATIONS && overview.pending.length > 0 && <p class="quiet">Not read yet: {overview.pending.join(', ')}.</p>}
    </section>
  );
}
