import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCallLoggingFromLabel, readDataRetention } from './data-controls';

function load(name: string): Document {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing', name), 'utf8');
  return document;
}

describe('readDataRetention', () => {
  it('reads radio buttons and the checked projects, ids where the markup has them, ignoring other radio groups', () => {
    expect(readDataRetention(load('data-retention-radios.html'))).toEqual({
      setting: 'enabled_for_selected_projects',
      projects: [
        { name: 'Sandbox', id: 'proj_Sandbox02' },
        { name: 'Research', id: null },
      ],
    });
  });

  it('reads a select-like button and a list of chips without their remove buttons', () => {
    expect(readDataRetention(load('data-retention-select.html'))).toEqual({
      setting: 'enabled_for_selected_projects',
      projects: [{ name: 'Sandbox', id: 'proj_Sandbox02' }],
    });
  });

  it('reads a native select labelled with a colon', () => {
    expect(readDataRetention(load('data-retention-native.html'))).toEqual({ setting: 'enabled_per_call', projects: [] });
  });

  it('follows the choice when it changes', () => {
    load('data-retention-radios.html');
    (document.querySelector('input[value="all"]') as HTMLInputElement).checked = true;
    expect(readDataRetention(document)).toEqual({ setting: 'enabled_for_all_projects', projects: [] });
    (document.querySelector('input[value="disabled"]') as HTMLInputElement).checked = true;
    expect(readDataRetention(document)?.setting).toBe('disabled');
  });

  it.each([
    ['a layout it does not know', () => load('data-retention-unknown.html')],
    [
      '"selected projects" without a project list it can read',
      () => {
        load('data-retention-select.html');
        document.querySelector('ul')?.remove();
      },
    ],
    [
      'radio buttons with nothing chosen',
      () => {
        load('data-retention-radios.html');
        document.querySelectorAll<HTMLInputElement>('input[name="logging"]').forEach((radio) => (radio.checked = false));
      },
    ],
    ['a page without the setting', () => (document.body.innerHTML = '<main><h1>Sharing</h1><label><input type="radio" checked> Disabled</label></main>')],
  ])('returns null for %s', (_name, render) => {
    render();
    expect(readDataRetention(document)).toBeNull();
  });
});

describe('apiCallLoggingFromLabel', () => {
  it.each([
    ['Disabled', 'disabled'],
    ['  ENABLED PER CALL — only requests with store: true', 'enabled_per_call'],
    ['Enabled for all projects', 'enabled_for_all_projects'],
    ['Enabled for selected projects…', 'enabled_for_selected_projects'],
    ['Selected projects', 'enabled_for_selected_projects'],
    ['30 days', null],
    ['Logging is disabled', null],
  ])('%s → %s', (label, expected) => {
    expect(apiCallLoggingFromLabel(label)).toBe(expected);
  });
});
