import { resolveAccent } from '../../lib/features/project-emphasis/accent';
import type { KnownProject } from '../../lib/storage/records';

interface Props {
  projects: Record<string, KnownProject>;
  overrides: Record<string, string>;
  onChange(key: string, colour: string | null): void;
}

export function ProjectColors({ projects, overrides, onChange }: Props) {
  const list = Object.values(projects).sort(
    (a, b) => a.organization.localeCompare(b.organization) || a.name.localeCompare(b.name),
  );
  if (list.length === 0) {
    return <p class="hint">Projects appear here once you open them on platform.openai.com.</p>;
  }
  return (
    <ul class="project-colors">
      {list.map((project) => (
        <li key={project.key} data-project={project.key}>
          <input
            type="color"
            aria-label={`Accent colour of ${project.name}`}
            value={resolveAccent(project.key, overrides)}
            onChange={(event) => onChange(project.key, event.currentTarget.value)}
          />
          <span class="project-name">{project.name}</span>
          <span class="project-organization">{project.organization}</span>
          {overrides[project.key] !== undefined && (
            <button type="button" onClick={() => onChange(project.key, null)}>
              Reset
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
