import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  findProjectSwitcher,
  findUsageExport,
  isUsagePage,
  parseStoredId,
  readActiveOrganization,
  readLogsPageState,
  rowShowsFailure,
  STORAGE_KEYS,
} from './adapter';

function load(name: string): Document {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing', name), 'utf8');
  return document;
}

beforeEach(() => localStorage.clear());

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

describe('findUsageExport', () => {
  it('recognizes the Usage page by its Export button while no modal is open', () => {
    document.body.innerHTML = '<main><h1>Usage</h1><button>Export</button></main>';
    expect(findUsageExport(document)).toMatchObject({ dialog: null, offerButton: null, rows: [] });
  });

  it('returns null where there is no Export button: the page is not recognized', () => {
    document.body.innerHTML = '<main><h1>Usage</h1><button>Export CSV now</button></main>';
    expect(findUsageExport(document)).toBeNull();
  });

  it('finds the "Download N files…" offer', () => {
    const found = findUsageExport(load('export-offer.html'));
    expect(found?.offerButton?.textContent).toBe('Download 12 files…');
    expect(found?.offeredFiles).toBe(12);
    expect(found?.rows).toHaveLength(0);
  });

  it('lists one row per month with its label and trigger, skipping what the extension added', () => {
    const found = findUsageExport(load('export-list.html'));
    expect(found?.offerButton).toBeNull();
    expect(found?.rows.map((row) => row.label)).toEqual(['January 2024', 'February 2024', 'March 2024']);
    expect(found?.rows[2]?.trigger.tagName).toBe('A');
    expect(found?.rows.map((row) => rowShowsFailure(row.row))).toEqual([false, true, false]);
  });

  it('offers nothing to zip on a single-month export', () => {
    expect(findUsageExport(load('export-single.html'))).toMatchObject({ dialog: null, rows: [] });
  });

  it('ignores dialogs that are closing', () => {
    load('export-offer.html');
    document.querySelector('[role="dialog"]')?.setAttribute('data-state', 'closed');
    expect(findUsageExport(document)?.dialog).toBeNull();
  });
});

describe('isUsagePage', () => {
  it.each([
    ['https://platform.openai.com/usage', true],
    ['https://platform.openai.com/usage/activity', true],
    ['https://platform.openai.com/account/usage', true],
    ['https://platform.openai.com/usage-policies', false],
    ['https://platform.openai.com/logs', false],
  ])('%s → %s', (url, expected) => {
    expect(isUsagePage(new URL(url))).toBe(expected);
  });
});

describe('readLogsPageState', () => {
  it.each([
    ['<main><h1>Logs</h1></main><div role="dialog" data-state="open"><h2>Enable logging?</h2><button>Not now</button></div>', 'disabled'],
    ['<main><h1>Logs</h1><p>Chat completion logging is disabled for this project.</p></main>', 'disabled'],
    ['<main><h1>Logs</h1><p>Logs are off.</p></main>', 'disabled'],
    ['<main><h1>Logs</h1><table><tr><td><a href="/logs/chatcmpl-1">chatcmpl-1</a></td></tr></table></main>', 'enabled'],
    ['<main><h1>Logs</h1><p>Nothing here.</p></main>', null],
    // The page's own tabs link under /logs/ too: they are not logged requests.
    ['<main><h1>Logs</h1><nav><a href="/logs/responses">Responses</a><a href="/logs/chat">Chat</a></nav></main>', null],
    // Our own reminder must not be read as the dashboard's prompt.
    ['<main><div data-rop-owned="logging-reminder"><p>Logs are off for App</p><button>Enable logging</button></div><h1>Logs</h1></main>', null],
    ['<div role="dialog" data-state="closed"><h2>Enable logging?</h2></div><main><h1>Logs</h1></main>', null],
  ])('%s → %s', (html, expected) => {
    document.body.innerHTML = html;
    expect(readLogsPageState(document)).toBe(expected);
  });
});

describe('readActiveOrganization', () => {
  it('falls back to the stored organization id before the top bar renders', () => {
    document.body.innerHTML = '<div id="root"></div>';
    localStorage.setItem(STORAGE_KEYS.activeOrganization, '"org-Acme"');
    expect(readActiveOrganization(document)).toEqual({ id: 'org-Acme', name: 'org-Acme' });
  });
});
