/**
 * Dashboard pages the security watch links to (docs/facts.md §3 lists the routes). Pages
 * not in that list are marked **[guess]**; each falls back to a page that surely exists
 * one click away from the right one.
 */
import type { DashboardPage } from '../security-watch/dashboard-page';
import { PLATFORM_ORIGIN } from './adapter';

/** Where an owner switches audit logging on (Data controls → Data retention → Audit logging). */
export const AUDIT_LOGGING_SETTING_URL = `${PLATFORM_ORIGIN}/settings/organization/data-controls/data-retention`;

export function securityPageUrl(page: DashboardPage): string {
  const project = (id: string) => `${PLATFORM_ORIGIN}/settings/${encodeURIComponent(id)}`;
  switch (page.kind) {
    case 'project-api-keys':
      return `${project(page.projectId)}/api-keys`;
    case 'organization-api-keys':
      return `${PLATFORM_ORIGIN}/settings/organization/api-keys`;
    case 'admin-keys':
      return `${PLATFORM_ORIGIN}/settings/organization/admin-keys`;
    case 'members':
      // [guess] the organization's People page.
      return `${PLATFORM_ORIGIN}/settings/organization/people`;
    case 'project-members':
      return `${project(page.projectId)}/people/members`;
    case 'projects':
      return `${PLATFORM_ORIGIN}/projects`;
    case 'limits':
      return page.projectId === null ? `${PLATFORM_ORIGIN}/settings/organization/limits` : `${project(page.projectId)}/limits`;
    case 'data-retention':
      return AUDIT_LOGGING_SETTING_URL;
    case 'organization-settings':
      // [guess] the General tab, where organization-wide security settings start.
      return `${PLATFORM_ORIGIN}/settings/organization/general`;
    case 'usage':
      return `${PLATFORM_ORIGIN}/usage`;
  }
}
