// Makes sure a Chromium that accepts --load-extension is there before the E2E tests run.
import { execSync } from 'node:child_process';
import { chromiumPath } from './chromium-path.mjs';

if (chromiumPath()) process.exit(0);

if (process.platform === 'linux' && process.getuid?.() === 0) {
  console.log('No Chromium found: installing Debian\'s chromium package (running as root)…');
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', { stdio: 'inherit' });
  if (chromiumPath()) process.exit(0);
}

console.error(`No Chromium found for the end-to-end tests.
Install one that accepts --load-extension, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install chromium
  elsewhere:      set CHROMIUM_PATH=/path/to/chromium (a Chromium build, not Google Chrome)`);
process.exit(1);
