import { describe, expect, it } from 'vitest';
import { archiveFileName, monthPeriod, slugify } from './archive-name';

describe('archiveFileName', () => {
  it('joins prefix, slugified owners and the period with "_"', () => {
    expect(archiveFileName({ prefix: 'openai-costs', owners: ['Acme Inc.'], period: ['2025'], complete: true })).toBe(
      'openai-costs_acme-inc_2025.zip',
    );
    expect(archiveFileName({ prefix: 'openai-usage', owners: [null, 'My Project'], period: ['2024-01', '2024-12'], complete: true })).toBe(
      'openai-usage_my-project_2024-01_2024-12.zip',
    );
  });

  it('marks an incomplete archive in its name', () => {
    expect(archiveFileName({ prefix: 'openai-costs', owners: ['Acme'], period: ['2025'], complete: false })).toBe(
      'openai-costs_acme_2025_INCOMPLETE.zip',
    );
  });
});

describe('monthPeriod', () => {
  it('writes a single month once and rejects months malformed or out of order', () => {
    expect(monthPeriod('2024-03', '2024-03')).toEqual(['2024-03']);
    expect(monthPeriod('2024-01', '2024-12')).toEqual(['2024-01', '2024-12']);
    expect(() => monthPeriod('2024-1', '2024-02')).toThrow(RangeError);
    expect(() => monthPeriod('2024-03', '2024-02')).toThrow(RangeError);
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
