import { beforeEach, describe, expect, it } from 'vitest';
import { accessibleName, contentName, isNamed, nameMatches, normalizeName } from './names';

function first(html: string, selector = 'body > *'): Element {
  document.body.innerHTML = html;
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('accessibleName: each way of naming a control', () => {
  it('text content, whitespace folded', () => {
    expect(accessibleName(first('<button>  Download\n   all </button>'))).toBe('Download all');
  });

  it('aria-label wins over content', () => {
    expect(accessibleName(first('<button aria-label="Download January 2024"><svg></svg></button>'))).toBe('Download January 2024');
  });

  it('aria-labelledby wins over aria-label, joining several ids in order', () => {
    const html = '<span id="a">Download</span><span id="b">March</span><button aria-labelledby="a b" aria-label="x">↓</button>';
    expect(accessibleName(first(html, 'button'))).toBe('Download March');
  });

  it('aria-labelledby pointing at a hidden element still names', () => {
    const html = '<span id="n" hidden>Export usage</span><div role="dialog" aria-labelledby="n"></div>';
    expect(accessibleName(first(html, '[role="dialog"]'))).toBe('Export usage');
  });

  it('title when nothing else names it', () => {
    expect(accessibleName(first('<button title="Download"><svg aria-hidden="true"></svg></button>'))).toBe('Download');
  });

  it('visually hidden text counts; aria-hidden text does not', () => {
    const html =
      '<button><svg aria-hidden="true"></svg><span class="sr-only" style="position:absolute;clip:rect(0 0 0 0)">Download</span><span aria-hidden="true">⬇</span></button>';
    expect(accessibleName(first(html))).toBe('Download');
  });

  it('an SVG <title> names an icon-only control', () => {
    expect(accessibleName(first('<button><svg><title>Download</title><path d="M0"></path></svg></button>'))).toBe('Download');
  });

  it('an image by its alt text', () => {
    expect(accessibleName(first('<a href="/x"><img src="x.png" alt="Download file"></a>'))).toBe('Download file');
  });

  it('form controls by their label, for= or wrapping', () => {
    expect(accessibleName(first('<label for="s">API call logging</label><select id="s"></select>', 'select'))).toBe('API call logging');
    expect(accessibleName(first('<label><input type="radio"> Enabled per call</label>', 'input'))).toBe('Enabled per call');
  });

  it('nested controls by their own names, blocks kept apart', () => {
    expect(accessibleName(first('<a href="/"><div>Acme</div><div>Corp</div></a>'))).toBe('Acme Corp');
    expect(accessibleName(first('<button><span>Pro</span><span>duction</span></button>'))).toBe('Production');
  });

  it('a plain container is not named by its content', () => {
    expect(accessibleName(first('<div>Some text</div>'))).toBe('');
    expect(contentName(first('<div>Some <b>text</b></div>'))).toBe('Some text');
  });

  it('skips scripts, styles and display:none parts', () => {
    expect(accessibleName(first('<button>Export<style>.a{}</style><span style="display:none">secret</span></button>'))).toBe('Export');
  });
});

describe('text patterns tolerate case, ellipsis, whitespace and icons', () => {
  it.each([
    ['Download 12 files…', 'download 12 files'],
    ['download  12 FILES...', 'download 12 files'],
    ['\u25BE Export \uE001', 'export'],
    ['  Enabled   per call ', 'enabled per call'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeName(raw)).toBe(normalized);
  });

  it('matches patterns written for normalized names', () => {
    expect(nameMatches('DOWNLOAD 3 files...', /^download (\d+) files?$/)).toBe(true);
    expect(isNamed(first('<button aria-label="Export…"><svg></svg></button>'), /^export$/)).toBe(true);
  });
});
