import { browser } from 'wxt/browser';
import { loggingObservations, knownProjects } from '../../lib/storage/records';
import { platformTabMessenger, usageGlanceMessenger, type ActiveProject } from '../../lib/messaging/messages';
import { usageProjects } from '../../lib/storage/api-records';
import { organizationKey, projectKey } from '../../lib/core/identity';
import { pageReadProjectIds, projectIdByName } from '../../lib/usage/project-by-name';

/** The active tab's project as the popup uses it. */
export interface TabProject extends ActiveProject {
  /**
   * The key the page files this project under (its colour, logging observations and
   * reminder silences): the id the page showed, else organization and name, even when the
   * id was then found by name here.
   */
  key: string;
}

/**
 * The tab's project with its id filled from the Admin API's project list by name when the
 * page showed none (lib/usage/project-by-name.ts). For extension pages: the key's list is theirs to
 * read, never the content script's.
 */
export async function resolveTabProject(project: ActiveProject | null): Promise<TabProject | null> {
  if (!project) return null;
  const key = projectKey({ id: project.projectId, name: project.projectName, organization: project.organizationName });
  if (project.projectId !== null) return { ...project, key };
  const [keySet, listed, known, observations] = await Promise.all([
    usageGlanceMessenger.sendMessage('hasAdminKey', undefined).catch(() => false),
    usageProjects.getValue(),
    knownProjects.getValue(),
    loggingObservations.getValue(),
  ]);
  const loggingProjectIds = observations[organizationKey({ id: project.organizationId, name: project.organizationName })]?.setting?.projectIds;
  const projectId = projectIdByName({
    name: project.projectName,
    keySet,
    listed,
    organizationProjectIds: pageReadProjectIds({ organizationName: project.organizationName, known: Object.values(known), loggingProjectIds }),
  });
  return { ...project, projectId, key };
}

let asked: Promise<TabProject | null> | null = null;

/**
 * The project shown in the active tab, if it is a platform.openai.com page with our content
 * script, with its id resolved as above. Asked once per page: the popup starts asking
 * before its first render (the tab's answer decides which project it opens on) and its
 * components share the answer.
 */
export function activeTabProject(): Promise<TabProject | null> {
  asked ??= (async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    // Rejects when the tab has no content script (any other site): no project then.
    return resolveTabProject(await platformTabMessenger.sendMessage('getActiveProject', undefined, tab.id).catch(() => null));
  })();
  return asked;
}
