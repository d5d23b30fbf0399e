import type { Scope } from '../../lib/admin-api/scope';

export interface PickableProject {
  id: string;
  name: string | null;
  archived?: boolean;
}

export interface ProjectPickerProps {
  /** The select's accessible name; leave it out when a surrounding <label> names the select. */
  label?: string;
  /** What the organization option says ("Whole organization", "the whole organization"). */
  organizationLabel: string;
  projects: readonly PickableProject[];
  value: Scope;
  onChange(scope: Scope): void;
}

/**
 * "The whole organization or one project", the one picker for it. A chosen project that is
 * no longer listed (archived away, or the list not loaded yet) keeps an option of its own
 * id, so the select shows the choice instead of silently falling back to the first option.
 */
export function ProjectPicker({ label, organizationLabel, projects, value, onChange }: ProjectPickerProps) {
  const listed = value === 'organization' || projects.some((project) => project.id === value);
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="organization">{organizationLabel}</option>
      {projects.map((project) => (
        <option key={project.id} value={project.id}>
          {`${project.name ?? project.id}${project.archived ? ' (archived)' : ''}`}
        </option>
      ))}
      {!listed && <option value={value}>{value}</option>}
    </select>
  );
}
