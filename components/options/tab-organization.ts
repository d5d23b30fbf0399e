import { browser } from 'wxt/browser';
import { platformTabMessenger } from '../../lib/messaging/messages';
import { isOrganizationId } from '../../lib/admin-api/scope';

/** The organization of a platform.openai.com tab, which names the next key saved (docs/facts.md "Which organization a key belongs to"). */
export interface TabOrganization {
  id: string;
  name: string;
}

/** Tabs asked at most: the most recently used ones, where the user just came from. */
const MAX_TABS_ASKED = 20;

/**
 * The organization shown in the platform.openai.com tab the user used last (its `org-…` id
 * and name, read from the page by our content script), or null when no such tab answers or
 * it shows no id. Tabs without our content script (any other site) refuse the message.
 */
export async function platformTabOrganization(): Promise<TabOrganization | null> {
  const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  for (const tab of tabs.slice(0, MAX_TABS_ASKED)) {
    const project = await platformTabMessenger.sendMessage('getActiveProject', undefined, tab.id!).catch(() => null);
    if (project?.organizationId && isOrganizationId(project.organizationId)) {
      return { id: project.organizationId, name: project.organizationName || project.organizationId };
    }
  }
  return null;
}
