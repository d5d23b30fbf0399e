import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { OUTLINE_LIMITS, pageOutline } from './outline';
import { redactHref, redactText, shapeOf } from './redact';

/** Every user-data string of the fixture, and the distinctive parts of each. */
const USER_DATA = [
  'Initech Holdings', 'Initech', 'initech', 'Holdings',
  'Skunkworks 2', 'Skunkworks', 'skunkworks', 'Skunkworks77',
  'sk-proj-AbCdEf123456', 'AbCdEf', '123456',
  'milton@initech.example', 'milton', 'Milton Waddams', 'Waddams',
  '$1,234.56', '1,234', '234.56', '98.70', '4471',
  'org-Initech9', 'proj_Skunkworks77', 'cdn.example',
];

function outline(regions: ('top' | 'main' | 'dialogs')[] = ['top', 'main', 'dialogs']): string {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing/outline-leaks.html'), 'utf8');
  return pageOutline(document, { featureId: 'project-emphasis', regions });
}

beforeEach(() => history.replaceState(null, '', '/settings/proj_Skunkworks77/api-keys?owner=milton'));

describe('pageOutline', () => {
  it.each(USER_DATA)('never lets "%s" through', (secret) => {
    expect(outline().toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('keeps tags, roles, ARIA attributes, names of controls and nesting, with user data by its shape', () => {
    const text = outline();
    expect(text).toContain('"project-emphasis" did not recognize /settings/aaaa_Aaaaaaaaaa99/api-keys');
    expect(text).toMatch(/\n {4}header\n/);
    expect(text).toContain('      div tabindex name="Aaaaaaa Aaaaaaaa · Aaaaaaaaaa 9"');
    expect(text).toContain('button type=button aria-haspopup=menu aria-expanded=false name="Aaaaaaa aaaaaa@aaaaaaa.aaaaaaa"');
    expect(text).toContain('img name="Aaaaaa Aaaaaaa"');
    expect(text).toContain('button type=button aria-haspopup=menu name="All projects"');
    expect(text).toContain('button type=button name="Export"');
    expect(text).toContain('strong "$9,999.99"');
    expect(text).toContain('href=/settings/aaaa_Aaaaaaaaaa99/api-keys?…');
    expect(text).toContain('input placeholder="Aaaaaaaaaa 9 aaaaaa" name="Aaaa"');
    expect(text).toContain('div (added by this extension)');
    expect(text).toContain('[open dialog]');
    expect(text).toContain('button name="Download 12 files…"');
  });

  it('does not repeat at the top what another region shows', () => {
    const text = outline();
    expect(text.match(/h1 "Usage"/g)).toHaveLength(1);
    expect(text.match(/h2 "Export usage"/g)).toHaveLength(1);
  });

  it('shows only the regions asked for', () => {
    const text = outline(['dialogs']);
    expect(text).toContain('[open dialog]');
    expect(text).not.toContain('[main content]');
    expect(text).not.toContain('h1');
  });

  it('stays within its bounds on a huge page', () => {
    document.body.innerHTML = `<main>${'<div><button>Some project name</button></div>'.repeat(5000)}</main>`;
    const text = pageOutline(document, { featureId: 'usage-zip-export', regions: ['main'] });
    expect(text.length).toBeLessThanOrEqual(OUTLINE_LIMITS.characters + 40);
    expect(text.split('\n').length).toBeLessThanOrEqual(OUTLINE_LIMITS.lines + 1);
    expect(text.endsWith('… (outline truncated)')).toBe(true);
  });
});

describe('redaction', () => {
  it.each([
    ['Acme Corp 5', 'Aaaa Aaaa 9'],
    ['Ünïcode Öl 42', 'Aaaaaaa Aa 99'],
    ['sk-abc...def', 'aa-aaa...aaa'],
  ])('shapeOf(%s) → %s', (text, shape) => {
    expect(shapeOf(text)).toBe(shape);
  });

  it('keeps whole interface phrases only, in any case and with any ellipsis', () => {
    expect(redactText('  All   projects ')).toBe('All projects');
    expect(redactText('Download 3 files...')).toBe('Download 3 files...');
    expect(redactText('Usage of Acme')).toBe('Aaaaa aa Aaaa');
    // A project named like an interface word shows as that word: it says nothing more than the word.
    expect(redactText('Production')).toBe('Aaaaaaaaaa');
  });

  it('shapes link paths segment by segment and hides other sites and queries', () => {
    const base = 'https://platform.openai.com/usage';
    expect(redactHref('/logs/resp_68a1b2', base)).toBe('/logs/aaaa_99a9a9');
    expect(redactHref('https://evil.example/x', base)).toBe('(other site)');
    expect(redactHref('/usage?project=proj_x#y', base)).toBe('/usage?…');
  });
});
