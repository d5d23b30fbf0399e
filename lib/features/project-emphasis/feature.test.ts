import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultAccent } from './accent';
import { knownProjects } from '../../storage/records';
import { startWorkerForPages } from '../../background/testing/platform-tabs';
import { featurePage } from '../testing/feature-page';
import { ACCENT_BAR_ID, ORGANIZATION_MARK, PROJECT_MARK, projectEmphasis } from './feature';

function render() {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing/top-bar.html'), 'utf8');
  localStorage.setItem('oai/activeProj', '"proj_Production01"');
}

let page = featurePage();

function applyFeature(projectColors: Record<string, string> = {}) {
  const anchor = projectEmphasis.detect(document);
  if (!anchor) throw new Error('fixture not recognized');
  const controller = page.apply(projectEmphasis, anchor, { projectColors });
  return { anchor, controller };
}

afterEach(() => page.close());

beforeEach(() => {
  fakeBrowser.reset();
  // The worker writes the known projects this page reports.
  startWorkerForPages();
  page = featurePage();
  document.querySelectorAll(`#${ACCENT_BAR_ID}, style`).forEach((node) => node.remove());
  render();
});

describe('project emphasis', () => {
  it('marks the project and organization switchers and adds one bar in the project colour', () => {
    const { anchor } = applyFeature();
    expect(anchor.projectElement.getAttribute(PROJECT_MARK)).toBe('proj_Production01');
    expect(anchor.organizationElement.hasAttribute(ORGANIZATION_MARK)).toBe(true);
    expect(document.querySelectorAll(`#${ACCENT_BAR_ID}`)).toHaveLength(1);
    expect(document.querySelector('style')?.textContent).toContain(`--rop-accent: ${defaultAccent('proj_Production01')};`);
  });

  it('keeps one stylesheet and bar across re-applies, updating the colour in place', async () => {
    const first = applyFeature();
    const bar = document.getElementById(ACCENT_BAR_ID);
    first.controller.abort();
    applyFeature({ proj_Production01: '#00aa00' });
    await Promise.resolve();
    expect(document.getElementById(ACCENT_BAR_ID)).toBe(bar);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('style')?.textContent).toContain('--rop-accent: #00aa00;');
  });

  it('uses the colour chosen in options', () => {
    applyFeature({ proj_Production01: '#D00000' });
    expect(document.querySelector('style')?.textContent).toContain('--rop-accent: #d00000;');
  });

  it('removes everything it added when aborted and not re-applied', async () => {
    const { anchor, controller } = applyFeature();
    controller.abort();
    await Promise.resolve();
    expect(anchor.projectElement.hasAttribute(PROJECT_MARK)).toBe(false);
    expect(anchor.organizationElement.hasAttribute(ORGANIZATION_MARK)).toBe(false);
    expect(document.querySelector(`#${ACCENT_BAR_ID}, style`)).toBeNull();
  });

  it('remembers the project so options can offer a colour for it', async () => {
    // A project this page has not recorded yet (the module remembers per page load).
    localStorage.setItem('oai/activeProj', '"proj_Remembered9"');
    applyFeature();
    await expect.poll(() => knownProjects.getValue()).toMatchObject({
      proj_Remembered9: { id: 'proj_Remembered9', name: 'Production', organization: 'Acme Corp' },
    });
  });
});
