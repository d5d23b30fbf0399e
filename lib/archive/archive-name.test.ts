import { describe, expect, it } from 'vitest';
import { archiveFileName, slugify } from './archive-name';

describe('archiveFileName', () => {
  it('names a project and a range of months', () => {
    expect(archiveFileName({ project: 'my-project', firstMonth: '2024-01', lastMonth: '2024-12' })).toBe(
      'openai-usage_my-project_2024-01_2024-12.zip',
    );
  });

  it('puts the organization before the project when known', () => {
    expect(
      archiveFileName({ organization: 'Acme Corp', project: 'My Project', firstMonth: '2024-01', lastMonth: '2024-12' }),
    ).toBe('openai-usage_acme-corp_my-project_2024-01_2024-12.zip');
  });

  it('writes a single month once', () => {
    expect(archiveFileName({ organization: 'Acme', project: 'My Project', firstMonth: '2024-03', lastMonth: '2024-03' })).toBe(
      'openai-usage_acme_my-project_2024-03.zip',
    );
  });

  it('leaves out parts that are unknown or have nothing nameable', () => {
    expect(archiveFileName({ organization: null, project: null, firstMonth: '2023-11', lastMonth: '2024-02' })).toBe(
      'openai-usage_2023-11_2024-02.zip',
    );
    expect(archiveFileName({ organization: '***', project: 'Default project', firstMonth: '2024-01', lastMonth: '2024-02' })).toBe(
      'openai-usage_default-project_2024-01_2024-02.zip',
    );
  });

  it('keeps hostile names from adding separators or paths', () => {
    const name = archiveFileName({
      organization: '../../Org_With/Slashes',
      project: 'CON: <prod> "x"|?*',
      firstMonth: '2024-01',
      lastMonth: '2024-02',
    });
    expect(name).toBe('openai-usage_org-with-slashes_con-prod-x_2024-01_2024-02.zip');
    expect(name.split('_')).toHaveLength(5);
  });

  it('rejects months that are malformed or out of order', () => {
    expect(() => archiveFileName({ project: 'p', firstMonth: '2024-1', lastMonth: '2024-02' })).toThrow(RangeError);
    expect(() => archiveFileName({ project: 'p', firstMonth: '2024-01', lastMonth: '2024-13' })).toThrow(RangeError);
    expect(() => archiveFileName({ project: 'p', firstMonth: '2024-03', lastMonth: '2024-02' })).toThrow(RangeError);
  });
});

describe('slugify', () => {
  it('lower-cases and hyphenates, keeping letters of any script', () => {
    expect(slugify('  My   Project!! ')).toBe('my-project');
    expect(slugify('Café Zürich')).toBe('café-zürich');
    expect(slugify('研究チーム')).toBe('研究チーム');
    expect(slugify('ｆｕｌｌ　ｗｉｄｔｈ')).toBe('full-width');
    expect(slugify('snake_case_name')).toBe('snake-case-name');
  });

  it('caps the length without leaving a trailing hyphen', () => {
    expect(slugify('a'.repeat(100))).toHaveLength(40);
    expect(slugify(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
    expect(slugify('📈 growth', 3)).toBe('gro');
  });

  it('returns an empty string when nothing is nameable', () => {
    expect(slugify('!!! ---')).toBe('');
  });
});
