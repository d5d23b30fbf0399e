import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultAccent } from '../project-accent';
import { knownProjects } from '../settings';
import { ACCENT_BAR_ID, ORGANIZATION_MARK, PROJECT_MARK, projectEmphasis } from './project-emphasis';

function render() {
  document.body.innerHTML = readFileSync(path.resolve('lib/dashboard/fixtures/top-bar.html'), 'utf8');
  localStorage.setItem('oai/activeProj', '"proj_Production01"');
}

function applyFeature(projectColors: Record<string, string> = {}) {
  const anchor = projectEmphasis.detect(document);
  if (!anchor) throw new Error('fixture not recognized');
  const controller = new AbortController();
  projectEmphasis.apply(anchor, {
    signal: controller.signal,
    document,
    settings: { disabledFeatures: [], projectColors },
  });
  return { anchor, controller };
}

beforeEach(() => {
  fakeBrowser.reset();
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

  it('uses the colour chosen in options', () => {
    applyFeature({ proj_Production01: '#D00000' });
    expect(document.querySelector('style')?.textContent).toContain('--rop-accent: #d00000;');
  });

  it('removes everything it added when aborted', () => {
    const { anchor, controller } = applyFeature();
    controller.abort();
    expect(anchor.projectElement.hasAttribute(PROJECT_MARK)).toBe(false);
    expect(anchor.organizationElement.hasAttribute(ORGANIZATION_MARK)).toBe(false);
    expect(document.querySelector(`#${ACCENT_BAR_ID}, style`)).toBeNull();
  });

  it('remembers the project so options can offer a colour for it', async () => {
    applyFeature();
    await expect.poll(() => knownProjects.getValue()).toMatchObject({
      proj_Production01: { id: 'proj_Production01', name: 'Production', organization: 'Acme Corp' },
    });
  });
});
