import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProjectSwitcher } from '../../platform/adapter';
import { featurePage } from '../testing/feature-page';
import { pageScope } from './feature';

let page = featurePage();

function render(picker: string) {
  const topBar = readFileSync(path.resolve('lib/platform/testing/top-bar.html'), 'utf8').replace(/<main[\s\S]*<\/main>/, '');
  document.body.innerHTML = `${topBar}<main><div class="page-header"><h1>Usage</h1><div class="actions">${picker}<button type="button">Export</button></div></div></main>`;
}

function apply() {
  const anchor = pageScope.detect(document);
  if (!anchor) throw new Error('fixture not recognized');
  return { anchor, controller: page.apply(pageScope, anchor) };
}

const notes = () => [...document.querySelectorAll<HTMLElement>('[data-rop-owned="page-scope"]')];

beforeEach(() => {
  page = featurePage();
});
afterEach(() => page.close());

describe('page scope', () => {
  it('says "All projects" beside the page’s picker and under the top bar’s project, taking no room', () => {
    render('<button type="button" aria-haspopup="menu">All projects <svg></svg></button>');
    const { anchor } = apply();
    expect(anchor.switcher?.projectName).toBe('Production');
    const beside = notes().find((note) => note.getAttribute('role') === 'note');
    const topBar = notes().find((note) => note.getAttribute('aria-hidden') === 'true');
    expect(beside?.textContent).toBe('Shows all projects, not only Production');
    expect(beside?.parentElement).toBe(anchor.scope.element.parentElement);
    expect(topBar?.getAttribute('data-rop-note')).toBe('Usage shows: All projects');
    expect(topBar?.textContent).toBe('');
    expect(anchor.switcher?.projectElement.textContent?.trim()).toBe('Production');
    expect(anchor.switcher?.projectElement.contains(topBar ?? null)).toBe(true);
    for (const note of notes()) expect(note.style.position).toBe('absolute');
    // The top bar is still read as before: the note is not part of the project's name.
    expect(findProjectSwitcher(document)?.projectName).toBe('Production');
    expect(pageScope.isSameAnchor?.(anchor, pageScope.detect(document)!)).toBe(true);
  });

  it('names another project the page shows', () => {
    render('<div role="combobox" aria-label="Project" tabindex="0">Sandbox</div>');
    apply();
    expect(notes().map((note) => note.textContent || note.getAttribute('data-rop-note')).sort()).toEqual(['Shows Sandbox, not Production', 'Usage shows: Sandbox']);
  });

  it('adds nothing when the page shows the top bar’s project', () => {
    render('<button type="button" aria-haspopup="menu">Production <svg></svg></button>');
    apply();
    expect(notes()).toEqual([]);
  });

  it('takes everything away when aborted, the hosts’ positioning too', async () => {
    render('<button type="button" aria-haspopup="menu">All projects <svg></svg></button>');
    const { anchor, controller } = apply();
    controller.abort();
    await Promise.resolve();
    expect(notes()).toEqual([]);
    expect(document.getElementById('rop-page-scope-style')).toBeNull();
    expect(anchor.switcher?.projectElement.style.position).toBe('');
    expect(anchor.scope.element.parentElement?.style.position).toBe('');
  });

  it('is not recognized without the page’s own picker', () => {
    render('<button type="button">Last 30 days</button>');
    expect(pageScope.detect(document)).toBeNull();
  });
});
