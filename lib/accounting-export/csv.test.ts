import { describe, expect, it } from 'vitest';
import { csvBytes, csvField, textCell, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain fields alone, unicode included', () => {
    expect(csvField('gpt-4o mini')).toBe('gpt-4o mini');
    expect(csvField('Ünïcødé プロジェクト 🚀')).toBe('Ünïcødé プロジェクト 🚀');
    expect(csvField('')).toBe('');
    expect(csvField("it's; fine\t")).toBe("it's; fine\t");
  });

  it('quotes fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('gpt-5-nano, input_tokens')).toBe('"gpt-5-nano, input_tokens"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('"')).toBe('""""');
  });
});

describe('toCsv / csvBytes', () => {
  it('ends every record with LF, the last included', () => {
    expect(toCsv([['a', 'b'], ['1', '']])).toBe('a,b\n1,\n');
    expect(toCsv([])).toBe('');
  });

  it('writes UTF-8 without a byte-order mark, byte for byte', () => {
    const bytes = csvBytes([['name', 'note'], ['Café, Ltd', 'x"y\r\nz'], ['東京', '']]);
    const expected = [
      ...Buffer.from('name,note\n"Caf'),
      0xc3, 0xa9,
      ...Buffer.from(', Ltd","x""y\r\nz"\n'),
      0xe6, 0x9d, 0xb1, 0xe4, 0xba, 0xac,
      ...Buffer.from(',\n'),
    ];
    expect([...bytes]).toEqual(expected);
  });
});

describe('textCell', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes text starting with %j with a single quote', (start) => {
    expect(textCell(`${start}1+1`)).toBe(`'${start}1+1`);
  });

  it('leaves other text alone, the same characters inside it included', () => {
    for (const text of ['gpt-4o, input', 'proj_a', 'a=b', 'x+y@z', ' =1', "'quoted", '', '東京']) expect(textCell(text)).toBe(text);
    expect(textCell(null)).toBe('');
    expect(textCell(undefined)).toBe('');
  });

  it('is quoted as needed once neutralized, byte for byte', () => {
    const row = [textCell('=SUM(A1,A2)'), textCell('\rcmd'), textCell('@x'), '-0.25'];
    expect([...csvBytes([row])]).toEqual([...Buffer.from('"\'=SUM(A1,A2)","\'\rcmd",\'@x,-0.25\n')]);
  });
});
