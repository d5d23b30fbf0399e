/**
 * The keys under which the extension files what it knows of a project or an organization
 * (colours, logging observations, reminder silences), independent of the page.
 */

export interface ProjectIdentity {
  id: string | null;
  name: string;
  organization: string;
}

/** The id when the dashboard exposes it; otherwise organization and name, which users rarely rename. */
export function projectKey(project: ProjectIdentity): string {
  return project.id ?? `name:${project.organization}/${project.name}`;
}

/** The organization's id when the dashboard exposes it, else its name. */
export function organizationKey(organization: { id: string | null; name: string }): string {
  return organization.id ?? `name:${organization.name}`;
}
