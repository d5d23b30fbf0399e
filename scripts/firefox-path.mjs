import { existsSync } from 'node:fs';

/** Firefox for the Firefox E2E tests: $FIREFOX_PATH, else Debian's firefox-esr package. */
export function firefoxPath() {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}
