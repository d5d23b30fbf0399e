// The Chromium end-to-end runs of `npm test`. Time, place and language are inputs
// (e2e/clock.ts), so the suite is run at several of each:
//  1. the whole suite once, at the real instant, in a German browser at UTC+14;
//  2. the specs whose outcome depends on the date, at pinned instants that catch what a
//     calendar does (a month's first minutes, the 4th, its last minute, New Year's Eve's,
//     29 February), each in another time zone.
// Each run prints its instant, zone and locale first. Arguments go to every run
// (e.g. `--workers=1`); `E2E_ONLY=pinned` or `E2E_ONLY=whole` runs one part.
import { spawnSync } from 'node:child_process';

const DATE_DEPENDENT_SPECS = [
  'e2e/accessibility.spec.ts',
  'e2e/admin-api-faults.spec.ts',
  'e2e/glance.spec.ts',
  'e2e/logging-reminder.spec.ts',
  'e2e/organizations.spec.ts',
  'e2e/popup-scope.spec.ts',
  'e2e/project-id-by-name.spec.ts',
  'e2e/security-watch.spec.ts',
  'e2e/spike-alerts.spec.ts',
  'e2e/usage-glance.spec.ts',
  'e2e/accounting-export.spec.ts',
];

const WHOLE = { label: 'whole suite', instant: null, zone: 'Pacific/Kiritimati', locale: 'de-DE', specs: [] };
const PINNED = [
  { label: "a month's first minute", instant: '2027-03-01T00:00:30Z', zone: 'America/Los_Angeles', locale: 'en-US' },
  { label: 'the 4th of a month', instant: '2027-02-04T12:00:00Z', zone: 'Pacific/Kiritimati', locale: 'en-US' },
  { label: "a month's last minute", instant: '2027-04-30T23:59:00Z', zone: 'Pacific/Kiritimati', locale: 'en-US' },
  { label: "New Year's Eve's last minute", instant: '2026-12-31T23:59:00Z', zone: 'America/Los_Angeles', locale: 'en-US' },
  { label: '29 February', instant: '2028-02-29T12:00:00Z', zone: 'UTC', locale: 'en-US' },
].map((run) => ({ ...run, specs: DATE_DEPENDENT_SPECS }));

const only = process.env.E2E_ONLY;
const runs = [...(only === 'pinned' ? [] : [WHOLE]), ...(only === 'whole' ? [] : PINNED)];
const args = process.argv.slice(2);
const started = Date.now();

for (const run of runs) {
  console.log(`\n=== E2E, ${run.label}: instant ${run.instant ?? 'now (real)'}, time zone ${run.zone}, locale ${run.locale} ===`);
  const env = { ...process.env, E2E_TZ: run.zone, E2E_LOCALE: run.locale };
  if (run.instant) env.E2E_NOW = run.instant;
  else delete env.E2E_NOW;
  const result = spawnSync('npx', ['playwright', 'test', ...run.specs, ...args], { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`E2E failed: ${run.label} (instant ${run.instant ?? 'now'}, ${run.zone}, ${run.locale}).`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\nE2E: ${runs.length} runs passed in ${Math.round((Date.now() - started) / 1000)} s.`);
