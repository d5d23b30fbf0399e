import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetRequestIds, noteRequestIds, parseRequestIdsMessage, REQUEST_IDS_MESSAGE, REQUEST_IDS_REQUEST } from './request-ids';
import {
  findProjectSwitcher,
  forgetKnownProjects,
  noteKnownProjects,
  parseStoredId,
  projectIdFromUrl,
  readActiveOrganization,
  STORAGE_KEYS,
  watchRequestIds,
} from './switcher';

function load(name: string): Document {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing', name), 'utf8');
  return document;
}

beforeEach(() => {
  localStorage.clear();
  forgetRequestIds();
  forgetKnownProjects();
});

afterEach(() => history.replaceState(null, '', '/'));

describe('parseStoredId', () => {
  it.each([
    ['proj_abc123', 'proj_abc123'],
    ['"proj_abc123"', 'proj_abc123'],
    ['{"value":"proj_abc123"}', 'proj_abc123'],
    ['{"id":"proj_abc123","title":"App"}', 'proj_abc123'],
  ])('reads %s', (raw, expected) => {
    expect(parseStoredId(raw, 'proj_')).toBe(expected);
  });

  it.each([null, '', 'null', '{"value":42}', 'org-abc', 'proj_<script>', '{not json'])('rejects %s', (raw) => {
    expect(parseStoredId(raw, 'proj_')).toBeNull();
  });

  it('reads organization ids with their own prefix', () => {
    expect(parseStoredId('"org-Hp9mXYZ"', 'org-')).toBe('org-Hp9mXYZ');
  });
});

describe('findProjectSwitcher', () => {
  it('finds the organization and project switchers of the top bar, not the account menu', () => {
    localStorage.setItem(STORAGE_KEYS.activeProject, JSON.stringify('proj_Production01'));
    localStorage.setItem(STORAGE_KEYS.activeOrganization, JSON.stringify('org-Acme'));
    const switcher = findProjectSwitcher(load('top-bar.html'));
    expect(switcher).not.toBeNull();
    expect(switcher?.organizationName).toBe('Acme Corp');
    expect(switcher?.projectName).toBe('Production');
    expect(switcher?.projectElement.tagName).toBe('BUTTON');
    expect(switcher?.projectId).toBe('proj_Production01');
    expect(switcher?.organizationId).toBe('org-Acme');
    expect(document.querySelectorAll('header button[aria-haspopup]')).toHaveLength(3);
  });

  it('works without ids in localStorage', () => {
    const switcher = findProjectSwitcher(load('top-bar.html'));
    expect(switcher?.projectName).toBe('Production');
    expect(switcher?.projectId).toBeNull();
  });

  it('recognizes a banner with Radix popover triggers and folds whitespace', () => {
    const switcher = findProjectSwitcher(load('top-bar-radix-dialog.html'));
    expect(switcher?.organizationName).toBe('Personal');
    expect(switcher?.projectName).toBe('Default project');
  });

  it('does not guess from buttons outside a landmark when it cannot see where they sit', () => {
    // happy-dom lays nothing out, so the position fallback has nothing to go on (the E2E tests cover it in Chromium).
    document.body.innerHTML =
      '<div><button aria-haspopup="menu">Acme</button><button aria-haspopup="menu">Production</button></div>';
    expect(findProjectSwitcher(document)).toBeNull();
  });

  it('returns null for markup it does not know', () => {
    expect(findProjectSwitcher(load('top-bar-unrecognized.html'))).toBeNull();
  });

  it('returns null before the app has rendered its top bar', () => {
    document.body.innerHTML = '<div id="root"></div>';
    expect(findProjectSwitcher(document)).toBeNull();
  });
});

describe('readActiveOrganization', () => {
  it('falls back to the stored organization id before the top bar renders', () => {
    document.body.innerHTML = '<div id="root"></div>';
    localStorage.setItem(STORAGE_KEYS.activeOrganization, '"org-Acme"');
    expect(readActiveOrganization(document)).toEqual({ id: 'org-Acme', name: 'org-Acme' });
  });
});

describe('findProjectSwitcher: shapes from the evidence and from plausible redesigns', () => {
  it('reads the evidenced breadcrumb: avatar, chevrons, "/", no aria-haspopup; the initial is not part of the name', () => {
    const switcher = findProjectSwitcher(load('top-bar-breadcrumb.html'));
    expect(switcher?.organizationName).toBe('Acme Corp');
    expect(switcher?.projectName).toBe('Production');
    expect(switcher?.organizationElement.tagName).toBe('BUTTON');
    expect(switcher?.projectElement.textContent?.trim()).toBe('Production');
  });

  it('never takes the Usage page\'s own "All projects" picker, with or without the top bar', () => {
    expect(findProjectSwitcher(load('top-bar-breadcrumb.html'))?.projectName).toBe('Production');
    expect(findProjectSwitcher(load('usage-all-projects.html'))).toBeNull();
  });

  it('splits one trigger holding both names into the two parts it shows', () => {
    const switcher = findProjectSwitcher(load('top-bar-single-trigger.html'));
    expect(switcher?.organizationName).toBe('Acme Corp');
    expect(switcher?.projectName).toBe('Production');
    expect(switcher?.organizationElement.className).toBe('org');
    expect(switcher?.projectElement.className).toBe('proj');
  });

  it('finds links in a sidebar, stacked, and not the navigation below them', () => {
    const switcher = findProjectSwitcher(load('sidebar-links.html'));
    expect(switcher?.organizationName).toBe('Acme Corp');
    expect(switcher?.projectName).toBe('Production');
    expect(switcher?.projectElement.tagName).toBe('A');
  });

  it('accepts [role=button] triggers and reads an icon-only trigger by its accessible name', () => {
    document.body.innerHTML =
      '<header><div role="button" tabindex="0">Acme Corp<svg></svg></div><span>/</span><div role="button" tabindex="0" aria-label="Production"><svg></svg></div></header>';
    const switcher = findProjectSwitcher(document);
    expect([switcher?.organizationName, switcher?.projectName]).toEqual(['Acme Corp', 'Production']);
  });

  it('drops an initial the avatar repeats in the same text ("T T567")', () => {
    document.body.innerHTML = '<header><button>T T567<svg></svg></button><span>/</span><button>Default project<svg></svg></button></header>';
    expect(findProjectSwitcher(document)?.organizationName).toBe('T567');
  });

  it('counts names of projects seen before as a signal of their own', () => {
    const html = '<nav><a href="/a">Acme Corp</a><a href="/b">Production</a></nav>';
    document.body.innerHTML = html;
    expect(findProjectSwitcher(document)).toBeNull();
    noteKnownProjects([{ name: 'Production', organization: 'Acme Corp' }]);
    expect(findProjectSwitcher(document)?.projectName).toBe('Production');
  });

  it('ignores triggers inside an open menu and links of the interface', () => {
    document.body.innerHTML =
      '<header><a href="/usage">Usage</a><span>/</span><a href="/logs">Logs</a></header><div role="menu"><button>Acme Corp<svg></svg></button>/<button>Sandbox<svg></svg></button></div>';
    expect(findProjectSwitcher(document)).toBeNull();
  });
});

describe('the current project id: URL, then request headers, then localStorage', () => {
  beforeEach(() => {
    localStorage.setItem(STORAGE_KEYS.activeProject, '"proj_Stored1"');
    load('top-bar.html');
  });

  it('reads localStorage when nothing else says', () => {
    expect(findProjectSwitcher(document)?.projectId).toBe('proj_Stored1');
  });

  it('prefers the OpenAI-Project header of the dashboard\'s requests, paired with the name shown', () => {
    noteRequestIds({ project: 'proj_Header1', organization: 'org-Header1' }, { organization: 'Acme Corp', project: 'Production' });
    expect(findProjectSwitcher(document)).toMatchObject({ projectId: 'proj_Header1', organizationId: 'org-Header1' });
  });

  it('does not file a header seen for another project under the name shown now (after a switch)', () => {
    noteRequestIds({ project: 'proj_Header1', organization: null }, { organization: 'Acme Corp', project: 'Sandbox' });
    expect(findProjectSwitcher(document)?.projectId).toBe('proj_Stored1');
  });

  it('gives a header seen before anything was shown to the first name shown', () => {
    noteRequestIds({ project: 'proj_Early1', organization: null }, null);
    expect(findProjectSwitcher(document)?.projectId).toBe('proj_Early1');
  });

  it('prefers the URL of a project settings page over everything', () => {
    noteRequestIds({ project: 'proj_Header1', organization: null }, { organization: 'Acme Corp', project: 'Production' });
    history.replaceState(null, '', '/settings/proj_FromUrl9/api-keys');
    expect(findProjectSwitcher(document)?.projectId).toBe('proj_FromUrl9');
  });

  it.each([
    ['https://platform.openai.com/settings/proj_abc/limits', 'proj_abc'],
    ['https://platform.openai.com/settings/proj_abc', 'proj_abc'],
    ['https://platform.openai.com/settings/organization/general', null],
    ['https://platform.openai.com/logs/proj_abc', null],
  ])('projectIdFromUrl(%s) → %s', (url, expected) => {
    expect(projectIdFromUrl(new URL(url))).toBe(expected);
  });

  it('takes ids from the page-world observer by message, re-pairing them and asking for what it missed', async () => {
    const posted: unknown[] = [];
    const originalPost = window.postMessage.bind(window);
    window.postMessage = ((message: unknown, origin: string) => {
      posted.push(message);
      originalPost(message, origin);
    }) as typeof window.postMessage;
    const controller = new AbortController();
    let changes = 0;
    watchRequestIds(window, () => (changes += 1), controller.signal);
    expect(posted).toContainEqual({ type: REQUEST_IDS_REQUEST });
    window.dispatchEvent(new MessageEvent('message', { data: { type: REQUEST_IDS_MESSAGE, project: 'proj_Msg1', organization: null }, source: window }));
    // Not from this window: ignored.
    window.dispatchEvent(new MessageEvent('message', { data: { type: REQUEST_IDS_MESSAGE, project: 'proj_Other', organization: null } }));
    expect(changes).toBe(1);
    expect(findProjectSwitcher(document)?.projectId).toBe('proj_Msg1');
    controller.abort();
    window.postMessage = originalPost;
  });

  it.each([
    [{ type: REQUEST_IDS_MESSAGE, project: 'proj_ok', organization: 'org-ok' }, { project: 'proj_ok', organization: 'org-ok' }],
    [{ type: REQUEST_IDS_MESSAGE, project: 'proj_<img>', organization: null }, null],
    [{ type: REQUEST_IDS_MESSAGE, project: `proj_${'a'.repeat(65)}` }, null],
    [{ type: 'other', project: 'proj_ok' }, null],
    ['proj_ok', null],
  ])('parseRequestIdsMessage(%j) → %j', (data, expected) => {
    expect(parseRequestIdsMessage(data)).toEqual(expected);
  });
});
