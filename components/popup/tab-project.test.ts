import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { knownProjects, loggingObservations } from '../../lib/storage/records';
import { usageProjects } from '../../lib/storage/api-records';
import { resolveTabProject } from './tab-project';

// The worker answers hasAdminKey (the popup never reads the key itself).
const worker = vi.hoisted(() => ({ hasKey: true }));
vi.mock('../../lib/messaging/messages', async (actual) => ({
  ...(await actual<typeof import('../../lib/messaging/messages')>()),
  usageGlanceMessenger: { sendMessage: async (type: string) => (type === 'hasAdminKey' ? worker.hasKey : null) },
}));

const TAB = { projectId: null, projectName: 'Sandbox', organizationId: 'org-acme', organizationName: 'Acme' };

beforeEach(async () => {
  fakeBrowser.reset();
  worker.hasKey = true;
  await usageProjects.setValue({
    projects: [
      { id: 'proj_prod', name: 'Production', archived: false },
      { id: 'proj_sand', name: 'Sandbox', archived: false },
    ],
    listed: true,
  });
});

describe('resolveTabProject', () => {
  it("fills the id the tab did not show from the key's project list, and keeps the page's key", async () => {
    expect(await resolveTabProject(TAB)).toEqual({ ...TAB, projectId: 'proj_sand', key: 'name:Acme/Sandbox' });
  });

  it('leaves the id unknown without a key', async () => {
    worker.hasKey = false;
    expect((await resolveTabProject(TAB))?.projectId).toBeNull();
  });

  it("leaves it unknown when the tab's organization showed project ids the key does not list", async () => {
    await loggingObservations.setValue({
      'org-acme': { pages: {}, setting: { setting: 'enabled_for_selected_projects', projectIds: ['proj_other_org'], at: 1 } },
    });
    expect((await resolveTabProject(TAB))?.projectId).toBeNull();
    await knownProjects.setValue({ proj_prod: { key: 'proj_prod', id: 'proj_prod', name: 'Production', organization: 'Acme', lastSeen: 1 } });
    expect((await resolveTabProject(TAB))?.projectId).toBe('proj_sand');
  });

  it('keeps an id the page showed, and no tab stays no project', async () => {
    expect(await resolveTabProject({ ...TAB, projectId: 'proj_shown' })).toEqual({ ...TAB, projectId: 'proj_shown', key: 'proj_shown' });
    expect(await resolveTabProject(null)).toBeNull();
  });
});
