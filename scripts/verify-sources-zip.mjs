// What addons.mozilla.org's reviewers do with the sources zip: unpack it in an empty folder,
// build it with the commands the README gives (npm ci, npm run build:firefox), and compare
// every built file with the one in the Firefox add-on zip. Run after `npm run zip`.
import { execSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const { name, version } = JSON.parse(await readFile('package.json', 'utf8'));
const sourcesZip = path.join('.output', `${name}-${version}-sources.zip`);
const addonZip = path.join('.output', `${name}-${version}-firefox.zip`);

async function filesOf(zipPath) {
  const zip = await JSZip.loadAsync(await readFile(zipPath));
  const files = new Map();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

async function filesUnder(dir, prefix = '') {
  const files = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [key, value] of await filesUnder(path.join(dir, entry.name), relative)) files.set(key, value);
    else files.set(relative, await readFile(path.join(dir, entry.name)));
  }
  return files;
}

const work = await mkdtemp(path.join(tmpdir(), 'rop-sources-'));
try {
  const sources = await filesOf(sourcesZip);
  for (const [file, bytes] of sources) {
    await mkdir(path.dirname(path.join(work, file)), { recursive: true });
    await writeFile(path.join(work, file), bytes);
  }
  console.log(`Unpacked ${sources.size} files of ${sourcesZip} into ${work}; building them as the README says…`);
  // A clean environment for the nested npm: nothing of this project's run leaks in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  execSync('npm ci --no-audit --no-fund --prefer-offline && npm run build:firefox', { cwd: work, stdio: 'inherit', env });

  const built = await filesUnder(path.join(work, '.output', 'firefox-mv3'));
  const packaged = await filesOf(addonZip);
  const problems = [];
  for (const [file, bytes] of packaged) {
    if (!built.has(file)) problems.push(`missing from the rebuild: ${file}`);
    else if (!built.get(file).equals(bytes)) problems.push(`differs: ${file}`);
  }
  for (const file of built.keys()) if (!packaged.has(file)) problems.push(`only in the rebuild: ${file}`);
  if (problems.length > 0) {
    console.error(`The sources zip does not rebuild ${addonZip}:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`The sources zip rebuilds ${addonZip} exactly: ${packaged.size} files, byte for byte.`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
