// `npm run zip` stamps package.json's version into both manifests and every zip's name:
// refuse to package a version the CHANGELOG does not describe.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const changelog = readFileSync('CHANGELOG.md', 'utf8');
if (!new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(changelog)) {
  console.error(`CHANGELOG.md has no "## ${version}" section: describe this version before packaging it.`);
  process.exit(1);
}
console.log(`Packaging version ${version}.`);
