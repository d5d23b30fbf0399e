// Makes sure a Chromium that accepts --load-extension, and libfaketime (which sets the
// browser's clock for the tests at pinned instants, e2e/clock.ts), are there before the
// E2E tests run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const missing = [...(chromiumPath() ? [] : ['chromium']), ...(existsSync(LIBFAKETIME) ? [] : ['faketime'])];
if (missing.length === 0) process.exit(0);

if (process.platform === 'linux' && process.getuid?.() === 0) {
  console.log(`Not found: ${missing.join(', ')}. Installing Debian's packages (running as root)…`);
  execSync(`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`, { stdio: 'inherit' });
  if (chromiumPath() && existsSync(LIBFAKETIME)) process.exit(0);
}

if (chromiumPath()) {
  console.error(`No libfaketime (${LIBFAKETIME}) for the tests at pinned instants:
  Debian/Ubuntu:  sudo apt-get install faketime`);
  process.exit(1);
}

console.error(`No Chromium found for the end-to-end tests.
Install one that accepts --load-extension, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install chromium
  elsewhere:      set CHROMIUM_PATH=/path/to/chromium (a Chromium build, not Google Chrome)`);
process.exit(1);
