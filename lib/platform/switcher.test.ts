import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findProjectSwitcher, parseStoredId, readActiveOrganization, STORAGE_KEYS } from './switcher';

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

describe('readActiveOrganization', () => {
  it('falls back to the stored organization id before the top bar renders', () => {
    document.body.innerHTML = '<div id="root"></div>';
    localStorage.setItem(STORAGE_KEYS.activeOrganization, '"org-Acme"');
    expect(readActiveOrganization(document)).toEqual({ id: 'org-Acme', name: 'org-Acme' });
  });
});
