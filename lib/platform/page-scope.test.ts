import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPageScope, scopeMatches } from './page-scope';

const TOP_BAR = '<header><button type="button" aria-haspopup="menu">Acme Corp <svg></svg></button><span>/</span><button type="button" aria-haspopup="menu">Production <svg></svg></button></header>';

function usagePage(picker: string, { topBar = TOP_BAR, extra = '' } = {}) {
  document.body.innerHTML = `${topBar}<main><div class="page-header"><h1>Usage</h1><div class="actions"><button type="button">Last 30 days <svg></svg></button>${picker}<button type="button">Export</button></div></div>${extra}</main>`;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('findPageScope', () => {
  it('reads the "All projects" pill at the top right of the content (the shape public screenshots show)', () => {
    usagePage('<button type="button" aria-haspopup="menu">All projects <svg></svg></button>');
    const scope = findPageScope(document, { topBarProject: 'Production' });
    expect(scope).toMatchObject({ label: 'All projects', allProjects: true });
    expect(scope?.element.textContent).toContain('All projects');
  });

  it('takes the page’s picker, never the organization’s button beside it (no top bar rendered)', () => {
    document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing/usage-all-projects.html'), 'utf8');
    expect(findPageScope(document)).toMatchObject({ label: 'All projects', allProjects: true });
  });

  it('reads a combobox named "Project" showing another project', () => {
    usagePage('<div role="combobox" aria-label="Project" aria-expanded="false" tabindex="0">Sandbox</div>');
    expect(findPageScope(document, { topBarProject: 'Production' })).toMatchObject({ label: 'Sandbox', allProjects: false });
  });

  it('reads a native select in a "Project" label by its chosen option', () => {
    usagePage('<label>Project <select><option>All projects</option><option selected>Production</option><option>Sandbox</option></select></label>');
    const scope = findPageScope(document, { topBarProject: 'Production' });
    expect(scope).toMatchObject({ label: 'Production', allProjects: false });
    expect(scope?.element.tagName).toBe('SELECT');
  });

  it('reads a plain button after the word "Projects", without pop-up or chevron', () => {
    usagePage('<div><span>Projects</span><button type="button">Sandbox</button></div>');
    expect(findPageScope(document, { topBarProject: 'Production' })).toMatchObject({ label: 'Sandbox', allProjects: false });
  });

  it('reads "2 projects" as a selection of several', () => {
    usagePage('<button type="button" aria-haspopup="listbox">2 projects <svg></svg></button>');
    expect(findPageScope(document, { topBarProject: 'Production' })).toMatchObject({ label: '2 projects', allProjects: false });
  });

  it('reads a picker showing the top bar’s own project', () => {
    usagePage('<button type="button" aria-haspopup="menu">Production <svg></svg></button>');
    const scope = findPageScope(document, { topBarProject: 'Production' });
    expect(scope).toMatchObject({ label: 'Production' });
    expect(scope && scopeMatches(scope, 'Production')).toBe(true);
  });

  it('is null without such a picker: other controls (a date range, Export), the top bar, open menus and our own notes do not count', () => {
    usagePage('', {
      topBar: '<header><button type="button" aria-haspopup="menu">All projects <svg></svg></button></header>',
      extra:
        '<div role="menu"><div role="menuitem">All projects</div><button type="button">Sandbox</button></div>' +
        '<span data-rop-owned="page-scope"><button type="button">All projects</button></span>',
    });
    expect(findPageScope(document, { topBarProject: 'Production' })).toBeNull();
  });

  it('reads a pill showing a project it has no other sign for, by the names of projects seen before or the place it was found', () => {
    usagePage('<button type="button" aria-haspopup="menu">All projects <svg></svg></button>');
    const first = findPageScope(document, { topBarProject: 'Production' });
    // After a pick, the re-rendered pill shows only the project's name.
    usagePage('<button type="button" aria-haspopup="menu">Sandbox <svg></svg></button>');
    expect(findPageScope(document, { topBarProject: 'Production' })).toBeNull();
    expect(findPageScope(document, { topBarProject: 'Production', remembered: first?.place })).toMatchObject({ label: 'Sandbox' });
    expect(findPageScope(document, { topBarProject: 'Production', knownProjects: ['Sandbox'] })).toMatchObject({ label: 'Sandbox' });
  });

  it('is null on a page without main content', () => {
    document.body.innerHTML = TOP_BAR;
    expect(findPageScope(document, { topBarProject: 'Production' })).toBeNull();
  });
});

describe('scopeMatches', () => {
  it('matches one project of the same name, never "All projects" or another project', () => {
    const element = document.createElement('button');
    expect(scopeMatches({ element, label: 'production', allProjects: false, place: '' }, 'Production')).toBe(true);
    expect(scopeMatches({ element, label: 'All projects', allProjects: true, place: '' }, 'Production')).toBe(false);
    expect(scopeMatches({ element, label: 'Sandbox', allProjects: false, place: '' }, 'Production')).toBe(false);
  });
});
