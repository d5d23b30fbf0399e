import { useState } from 'preact/hooks';
import type { Scope } from '../../lib/admin-api/scope';
import { ProjectPicker } from '../ui/ProjectPicker';

export interface YearlyExportFormProps {
  /** Newest first. */
  years: number[];
  defaultYear: number;
  projects: { id: string; name: string | null; archived: boolean }[];
  /** 'organization' or a project id, e.g. the scope the popup shows. */
  defaultScope: Scope;
  onExport(year: number, scope: Scope): void;
}

/** The year and scope pickers and the one-click "Export <year> as ZIP" button. */
export function YearlyExportForm({ years, defaultYear, projects, defaultScope, onExport }: YearlyExportFormProps) {
  const [year, setYear] = useState(defaultYear);
  const [scope, setScope] = useState<Scope>(defaultScope);
  return (
    <form
      class="yearly-export-form"
      onSubmit={(event) => {
        event.preventDefault();
        onExport(year, scope);
      }}
    >
      <select aria-label="Year to export" value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))}>
        {years.map((option) => (
          <option key={option} value={String(option)}>
            {option}
          </option>
        ))}
      </select>
      <ProjectPicker
        label="Organization or project to export"
        organizationLabel="Whole organization"
        projects={projects}
        value={scope}
        onChange={setScope}
      />
      <button type="submit">{`Export ${year} as ZIP`}</button>
    </form>
  );
}
