import { useState } from 'preact/hooks';
import type { Scope } from '../../lib/admin-api/scope';
import { clockNow } from '../../lib/core/clock';
import { utcDayKey } from '../../lib/core/utc-days';
import { describePeriod, periodProblem, type ExportPeriod } from '../../lib/accounting-export/period';
import { ProjectPicker } from '../ui/ProjectPicker';

export interface AccountingExportFormProps {
  /** Newest first. */
  years: number[];
  defaultYear: number;
  projects: { id: string; name: string | null; archived: boolean }[];
  /** 'organization' or a project id, e.g. the scope the popup shows. */
  defaultScope: Scope;
  onExport(period: ExportPeriod, scope: Scope): void;
}

type Kind = ExportPeriod['kind'];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'year', label: 'Calendar year' },
  { kind: 'fiscal-year', label: 'Fiscal year' },
  { kind: 'quarter', label: 'Quarter' },
  { kind: 'month', label: 'Month' },
  { kind: 'range', label: 'Custom range' },
];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The period and scope pickers and the one-click "Export <period> as ZIP" button: a
 * calendar year, a fiscal year from any month, a quarter, a month or a custom range of days
 * (UTC, as the Admin API counts them).
 */
export function AccountingExportForm({ years, defaultYear, projects, defaultScope, onExport }: AccountingExportFormProps) {
  const today = utcDayKey(clockNow() / 1000);
  const [kind, setKind] = useState<Kind>('year');
  const [year, setYear] = useState(defaultYear);
  const [fiscalMonth, setFiscalMonth] = useState(4);
  const [quarter, setQuarter] = useState<1 | 2 | 3 | 4>(1);
  const [month, setMonth] = useState(`${defaultYear}-12`);
  const [from, setFrom] = useState(`${defaultYear}-01-01`);
  const [to, setTo] = useState(`${defaultYear}-12-31`);
  const [scope, setScope] = useState<Scope>(defaultScope);

  const period: ExportPeriod =
    kind === 'year'
      ? { kind, year }
      : kind === 'fiscal-year'
        ? { kind, start: `${year}-${pad(fiscalMonth)}` }
        : kind === 'quarter'
          ? { kind, year, quarter }
          : kind === 'month'
            ? { kind, month }
            : { kind, start: from, endInclusive: to };
  const problem = periodProblem(period, today);
  const yearPicker = (label: string) => (
    <select aria-label={label} value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))}>
      {years.map((option) => (
        <option key={option} value={String(option)}>
          {option}
        </option>
      ))}
    </select>
  );

  return (
    <form
      class="accounting-export-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem === null) onExport(period, scope);
      }}
    >
      <select aria-label="Period to export" value={kind} onChange={(event) => setKind(event.currentTarget.value as Kind)}>
        {KINDS.map((option) => (
          <option key={option.kind} value={option.kind}>
            {option.label}
          </option>
        ))}
      </select>
      {kind === 'year' && yearPicker('Year to export')}
      {kind === 'fiscal-year' && (
        <>
          <select aria-label="First month of the fiscal year" value={String(fiscalMonth)} onChange={(event) => setFiscalMonth(Number(event.currentTarget.value))}>
            {MONTH_NAMES.map((name, index) => (
              <option key={name} value={String(index + 1)}>
                {name}
              </option>
            ))}
          </select>
          {yearPicker('Year the fiscal year starts')}
        </>
      )}
      {kind === 'quarter' && (
        <>
          <select aria-label="Quarter to export" value={String(quarter)} onChange={(event) => setQuarter(Number(event.currentTarget.value) as 1 | 2 | 3 | 4)}>
            {[1, 2, 3, 4].map((option) => (
              <option key={option} value={String(option)}>
                {`Q${option}`}
              </option>
            ))}
          </select>
          {yearPicker('Year of the quarter')}
        </>
      )}
      {kind === 'month' && (
        <input type="month" aria-label="Month to export" value={month} onInput={(event) => setMonth(event.currentTarget.value)} />
      )}
      {kind === 'range' && (
        <>
          <input type="date" aria-label="First day (UTC)" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
          <input type="date" aria-label="Last day (UTC)" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
        </>
      )}
      <ProjectPicker
        label="Organization or project to export"
        organizationLabel="Whole organization"
        projects={projects}
        value={scope}
        onChange={setScope}
      />
      <button type="submit" disabled={problem !== null}>
        {problem === null ? `Export ${describePeriod(period)} as ZIP` : 'Export as ZIP'}
      </button>
      {problem !== null && (
        <p class="hint" role="alert" data-testid="export-period-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
