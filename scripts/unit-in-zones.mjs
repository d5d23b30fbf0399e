// Runs the unit tests once per time zone, far apart (UTC+14, UTC−8, UTC): code that reads
// the computer's zone where it meant UTC fails in one of them. TZ is set for the whole run,
// so Node and every test see that zone. `npm run test:unit -- <vitest args>` passes arguments on.
import { spawnSync } from 'node:child_process';

const ZONES = ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'];
const args = process.argv.slice(2);

for (const zone of ZONES) {
  console.log(`\n=== Unit tests in time zone ${zone} ===`);
  const run = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...process.env, TZ: zone } });
  if (run.status !== 0) {
    console.error(`Unit tests failed in time zone ${zone}.`);
    process.exit(run.status ?? 1);
  }
}
