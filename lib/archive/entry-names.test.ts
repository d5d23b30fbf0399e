import { describe, expect, it } from 'vitest';
import { createEntryNamer, DEFAULT_MAX_ENTRY_NAME_BYTES, isSafeEntryName, sanitizeEntryName } from './entry-names';

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

describe('sanitizeEntryName', () => {
  it('leaves an ordinary dashboard file name alone', () => {
    expect(sanitizeEntryName('cost_2025-12-01_2025-12-31.csv')).toBe('cost_2025-12-01_2025-12-31.csv');
  });

  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['..\\..\\Windows\\win.ini', 'Windows_win.ini'],
    ['/abs/path/cost.csv', 'abs_path_cost.csv'],
    ['a/./b.csv', 'a_b.csv'],
    ['./.hidden.csv', 'hidden.csv'],
    ['a..b...csv', 'a.b.csv'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
  ])('flattens paths and dot tricks: %j → %j', (input, expected) => {
    expect(sanitizeEntryName(input)).toBe(expected);
  });

  it('replaces characters Windows forbids', () => {
    expect(sanitizeEntryName('a<b>c:d"e|f?g*h.csv')).toBe('a_b_c_d_e_f_g_h.csv');
  });

  it('drops control and invisible characters, turning line breaks into spaces', () => {
    expect(sanitizeEntryName('a\u0000b\u001b[31mc\u007f.csv')).toBe('ab[31mc.csv');
    expect(sanitizeEntryName('line\none\ttab.csv')).toBe('line one tab.csv');
    // U+202E would display "cost_vsc.exe" as "cost_exe.csv".
    expect(sanitizeEntryName('cost_\u202Evsc.exe')).toBe('cost_vsc.exe');
    expect(sanitizeEntryName('zero\u200Bwidth\uFEFF.csv')).toBe('zerowidth.csv');
  });

  it('trims leading and trailing dots and spaces', () => {
    expect(sanitizeEntryName('  report.csv. . ')).toBe('report.csv');
    expect(sanitizeEntryName('...report')).toBe('report');
  });

  it.each([
    ['CON', '_CON'],
    ['con.csv', '_con.csv'],
    ['NUL.tar.gz', '_NUL.tar.gz'],
    ['com1.csv', '_com1.csv'],
    ['LPT9 .csv', '_LPT9.csv'],
    ['Lpt¹.txt', '_Lpt¹.txt'],
  ])('defuses the reserved Windows name %j', (input, expected) => {
    expect(sanitizeEntryName(input)).toBe(expected);
  });

  it('does not touch names that merely start like reserved ones', () => {
    expect(sanitizeEntryName('console.csv')).toBe('console.csv');
    expect(sanitizeEntryName('com10.csv')).toBe('com10.csv');
    expect(sanitizeEntryName('auxiliary.csv')).toBe('auxiliary.csv');
  });

  it('keeps letters of any script, composed to NFC', () => {
    expect(sanitizeEntryName('Übersicht_日本語_Ελληνικά_📈.csv')).toBe('Übersicht_日本語_Ελληνικά_📈.csv');
    expect(sanitizeEntryName('Cafe\u0301.csv')).toBe('Caf\u00e9.csv');
  });

  it('caps the length in UTF-8 bytes and keeps the extension', () => {
    const long = sanitizeEntryName(`${'x'.repeat(300)}.csv`);
    expect(utf8Length(long)).toBe(DEFAULT_MAX_ENTRY_NAME_BYTES);
    expect(long.endsWith('xx.csv')).toBe(true);

    const emoji = sanitizeEntryName(`${'📈'.repeat(100)}.csv`, { maxBytes: 40 });
    expect(utf8Length(emoji)).toBeLessThanOrEqual(40);
    expect(emoji).toBe(`${'📈'.repeat(9)}.csv`);
    expect(emoji).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
  });

  it('does not leave a trailing dot or space where it cut', () => {
    const name = sanitizeEntryName(`${'a'.repeat(27)} .b.csv`, { maxBytes: 32 });
    expect(name).toBe(`${'a'.repeat(27)}.csv`);
  });

  it('treats an over-long "extension" as part of the name', () => {
    const name = sanitizeEntryName(`report.${'e'.repeat(16)}${'x'.repeat(5)}`, { maxBytes: 32 });
    expect(name).toBe(`report.${'e'.repeat(16)}${'x'.repeat(5)}`.slice(0, 32));
  });

  it('rejects a cap too small to hold a name and an extension', () => {
    expect(() => sanitizeEntryName('a.csv', { maxBytes: 10 })).toThrow(RangeError);
    expect(() => sanitizeEntryName('a.csv', { maxBytes: 40.5 })).toThrow(RangeError);
  });

  it('is idempotent on hostile inputs', () => {
    const inputs = [
      '../../etc/passwd', 'CON', 'a<b>.csv', ' . .x. . ', `${'é'.repeat(200)}.csv`,
      `CON${' '.repeat(200)}x.csv`, 'a\u202E.csv', '....csv', 'x.', 'NUL..csv', '/', '\\\\server\\share',
      `${'📈'.repeat(100)}.${'e'.repeat(40)}`, 'report (2).csv',
    ];
    for (const input of inputs) {
      for (const maxBytes of [32, 64, 120]) {
        const once = sanitizeEntryName(input, { maxBytes });
        expect(sanitizeEntryName(once, { maxBytes }), input).toBe(once);
        expect(utf8Length(once)).toBeLessThanOrEqual(maxBytes);
        // Control characters are exactly what this must never let through.
        // eslint-disable-next-line no-control-regex
        expect(once).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]|\.\.|^[. ]|[. ]$/);
      }
    }
  });
});

describe('createEntryNamer', () => {
  it('numbers collisions from 2', () => {
    const name = createEntryNamer();
    expect(['a.csv', 'a.csv', 'a.csv', 'b.csv'].map(name)).toEqual(['a.csv', 'a (2).csv', 'a (3).csv', 'b.csv']);
  });

  it('finds collisions after sanitizing and regardless of case', () => {
    const name = createEntryNamer();
    expect(name('Cost.csv')).toBe('Cost.csv');
    expect(name('cost.CSV')).toBe('cost (2).CSV');
    expect(name('../Cost.csv')).toBe('Cost (3).csv');
  });

  it('skips numbers a real name already took', () => {
    const name = createEntryNamer();
    expect(['a (2).csv', 'a.csv', 'a.csv'].map(name)).toEqual(['a (2).csv', 'a.csv', 'a (3).csv']);
  });

  it('never hands out the manifest name, or other reserved names', () => {
    expect(createEntryNamer()('manifest.json')).toBe('manifest (2).json');
    expect(createEntryNamer()('MANIFEST.JSON')).toBe('MANIFEST (2).JSON');
    expect(createEntryNamer({ reserved: ['readme.txt'] })('README.txt')).toBe('README (2).txt');
  });

  it('keeps numbered names within the cap', () => {
    const name = createEntryNamer({ maxBytes: 32 });
    const long = `${'x'.repeat(50)}.csv`;
    const first = name(long);
    const second = name(long);
    expect(first).toBe(`${'x'.repeat(28)}.csv`);
    expect(second).toBe(`${'x'.repeat(24)} (2).csv`);
    expect(utf8Length(second)).toBe(32);
  });

  it('names without an extension get the number at the end', () => {
    const name = createEntryNamer();
    expect([name('README'), name('readme')]).toEqual(['README', 'readme (2)']);
  });
});

describe('isSafeEntryName', () => {
  it('accepts what sanitizeEntryName produces, at any length', () => {
    expect(isSafeEntryName('cost_2024-01-01_2024-01-31.csv')).toBe(true);
    expect(isSafeEntryName('Übersicht (2).csv')).toBe(true);
    expect(isSafeEntryName(`${'x'.repeat(300)}.csv`)).toBe(true);
  });

  it.each(['a/b.csv', '../a.csv', 'CON.csv', 'a.csv.', ' a.csv', 'a\u0000.csv', 'a:b.csv', ''])(
    'refuses %j',
    (name) => {
      expect(isSafeEntryName(name)).toBe(false);
    },
  );
});
