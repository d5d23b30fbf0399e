import { existsSync } from 'node:fs';

/** Chromium for the E2E tests: $CHROMIUM_PATH, else Debian's package. Chrome-branded builds refuse --load-extension. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}
