import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProjectNames } from '../usage/cache';
import { createRecordWriter, type NameLookup } from './record-writer';
import { knownProjects } from '../storage/records';

const NOW = 1_700_000_000_000;
const LISTED: ProjectNames = {
  projects: [
    { id: 'proj_prod', name: 'Production', archived: false },
    { id: 'proj_sand', name: 'Sandbox', archived: false },
  ],
  listed: true,
};
const withKey: NameLookup = async () => ({ keySet: true, listed: LISTED });
const sandbox = { key: 'name:Acme/Sandbox', id: null, name: 'Sandbox', organization: 'Acme' };

beforeEach(() => fakeBrowser.reset());

describe('the record writer, for a project the page showed without id', () => {
  it("files it under the page's key with the id its name has in the key's project list", async () => {
    await createRecordWriter(() => NOW, withKey).knownProject(sandbox);
    expect((await knownProjects.getValue())['name:Acme/Sandbox']).toEqual({ ...sandbox, id: 'proj_sand', lastSeen: NOW });
  });

  it('leaves it unknown without a key', async () => {
    await createRecordWriter(() => NOW, async () => ({ keySet: false, listed: LISTED })).knownProject(sandbox);
    expect((await knownProjects.getValue())['name:Acme/Sandbox']?.id).toBeNull();
  });

  it("leaves it unknown when the page showed ids of that organization and none is the key's", async () => {
    await knownProjects.setValue({ proj_globex: { key: 'proj_globex', id: 'proj_globex', name: 'Main', organization: 'Acme', lastSeen: 1 } });
    await createRecordWriter(() => NOW, withKey).knownProject(sandbox);
    expect((await knownProjects.getValue())['name:Acme/Sandbox']?.id).toBeNull();
  });

  it('does not ask for names when the page showed the id', async () => {
    let asked = false;
    const lookup: NameLookup = async () => ((asked = true), { keySet: true, listed: LISTED });
    await createRecordWriter(() => NOW, lookup).knownProject({ ...sandbox, key: 'proj_page', id: 'proj_page' });
    expect(asked).toBe(false);
    expect((await knownProjects.getValue()).proj_page?.id).toBe('proj_page');
  });
});
