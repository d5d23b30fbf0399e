// Makes sure a Firefox (and openssl, for the test proxy's throwaway certificate) is there
// before the Firefox E2E tests run: the same treatment as a missing Chromium.
import { execSync } from 'node:child_process';
import { firefoxPath } from './firefox-path.mjs';

const hasOpenssl = () => {
  try {
    execSync('openssl version', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (firefoxPath() && hasOpenssl()) process.exit(0);

if (process.platform === 'linux' && process.getuid?.() === 0) {
  console.log('No Firefox (or openssl) found: installing Debian\'s firefox-esr and openssl packages (running as root)…');
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr openssl', { stdio: 'inherit' });
  if (firefoxPath() && hasOpenssl()) process.exit(0);
}

console.error(`No ${firefoxPath() ? 'openssl' : 'Firefox'} found for the Firefox end-to-end tests.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install firefox-esr openssl
  elsewhere:      set FIREFOX_PATH=/path/to/firefox (Firefox 140 or newer; ESR is fine)`);
process.exit(1);
