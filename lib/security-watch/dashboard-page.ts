/**
 * Which dashboard page an event, key or posture line links to. Pure data: the URLs live in
 * lib/platform/security-links.ts with the rest of what is known about the dashboard.
 */
export type DashboardPage =
  | { kind: 'project-api-keys'; projectId: string }
  | { kind: 'organization-api-keys' }
  | { kind: 'admin-keys' }
  | { kind: 'members' }
  | { kind: 'project-members'; projectId: string }
  | { kind: 'projects' }
  | { kind: 'limits'; projectId: string | null }
  | { kind: 'data-retention' }
  | { kind: 'organization-settings' }
  | { kind: 'usage' };
