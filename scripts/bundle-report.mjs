// What the built extension ships where: read from .output by the bundle test
// (scripts/bundles.test.mjs) and printed by the content-script benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const chromeOutput = path.join(root, '.output', 'chrome-mv3');

/**
 * The content script every dashboard page runs, gzipped (level 9). On a page where only
 * the project emphasis applies nothing else is executed: the other features' code is
 * fetched only where they apply (lib/features/registry.ts).
 */
export const CONTENT_SCRIPT = 'content-scripts/platform.js';
export const CONTENT_SCRIPT_BUDGET_GZIP = 10_000;

export function sizeOf(file, dir = chromeOutput) {
  const bytes = readFileSync(path.join(dir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The features' own scripts, imported by the content script where each applies. */
export function featureScripts(dir = chromeOutput) {
  return readdirSync(dir)
    .filter((name) => /^feature-.+\.js$/.test(name))
    .sort();
}

/**
 * Every script an extension page can run: its HTML's scripts and preloads, and what
 * those import, statically or on demand, transitively.
 */
export function pageScripts(page, dir = chromeOutput) {
  const html = readFileSync(path.join(dir, `${page}.html`), 'utf8');
  const pending = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\/?([^"]+\.js)"/g)].map((match) => match[1]);
  const seen = new Set();
  while (pending.length > 0) {
    const file = path.posix.normalize(pending.pop());
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
      const target = match[1];
      if (target.startsWith('.')) pending.push(path.posix.join(path.posix.dirname(file), target));
      else if (target.startsWith('/')) pending.push(target.slice(1));
    }
  }
  return [...seen].sort();
}

export function read(file, dir = chromeOutput) {
  return readFileSync(path.join(dir, file), 'utf8');
}

/** The figures `npm run bench` prints. */
export function bundleFigures(dir = chromeOutput) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
  const content = sizeOf(CONTENT_SCRIPT, dir);
  const lines = [
    `content script (${CONTENT_SCRIPT}): ${kb(content.bytes)}, ${kb(content.gzip)} gzipped; budget ${kb(CONTENT_SCRIPT_BUDGET_GZIP)} gzipped (${((100 * content.gzip) / CONTENT_SCRIPT_BUDGET_GZIP).toFixed(0)} % of it)`,
    ...featureScripts(dir).map((file) => {
      const size = sizeOf(file, dir);
      return `  + only where its feature applies: ${file}: ${kb(size.bytes)}, ${kb(size.gzip)} gzipped`;
    }),
  ];
  for (const page of ['options', 'popup', 'export']) {
    const sizes = pageScripts(page, dir).map((file) => sizeOf(file, dir));
    const total = sizes.reduce((sum, size) => sum + size.bytes, 0);
    lines.push(`${page} page: ${sizes.length} scripts, ${kb(total)}`);
  }
  return { content, lines };
}
