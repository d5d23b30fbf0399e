/**
 * Which folder may import which: the layering of README "How it is built", checked by
 * `npm run check:layers` (part of `npm test`). Arrows run downwards only:
 *
 *   entrypoints → components → lib/background (the worker) | lib/features (page code)
 *     → lib/messaging → lib/storage → capability and domain folders → lib/admin-api → lib/core
 */
const DOMAINS = 'lib/(usage|glance|spike-alerts|logging-reminder|security-watch|accounting-export|platform|archive)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Files do not import each other in a loop.', from: {}, to: { circular: true } },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      comment: 'lib/core holds the small shared pieces; it depends on no other folder of the project.',
      from: { path: '^lib/core/' },
      to: { path: '^(lib/(?!core/|clock/)|components/|entrypoints/)' },
    },
    {
      name: 'admin-api-only-core',
      severity: 'error',
      comment: 'lib/admin-api knows endpoints and wire shapes; it builds on lib/core alone.',
      from: { path: '^lib/admin-api/' },
      to: { path: '^(lib/(?!admin-api/|core/|clock/)|components/|entrypoints/)' },
    },
    {
      name: 'domains-below-storage',
      severity: 'error',
      comment: 'Capability and domain logic is pure: no storage, messages, worker, page features or UI.',
      from: { path: `^${DOMAINS}` },
      to: { path: '^(lib/(storage|messaging|background|features)/|components/|entrypoints/)' },
    },
    {
      name: 'storage-below-messaging',
      severity: 'error',
      comment: 'lib/storage declares items; it sends no messages and knows no worker, page code or UI.',
      from: { path: '^lib/storage/' },
      to: { path: '^(lib/(messaging|background|features)/|components/|entrypoints/)' },
    },
    {
      name: 'messaging-below-worker-and-pages',
      severity: 'error',
      comment: 'lib/messaging is the protocol both ends share; it belongs to neither end.',
      from: { path: '^lib/messaging/' },
      // The catalog (the features' ids) is not page code: the payload checks know the ids.
      to: { path: '^(lib/(background|features)/|components/|entrypoints/)', pathNot: '^lib/features/catalog\\.ts$' },
    },
    {
      name: 'only-the-worker-entry-imports-the-worker',
      severity: 'error',
      comment: 'lib/background is the worker alone: only entrypoints/background.ts wires it.',
      from: { path: '^(?!lib/background/|entrypoints/background\\.ts$)', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^lib/background/' },
    },
    {
      name: 'worker-not-page-code',
      severity: 'error',
      comment: 'The worker and the page features are apart: neither imports the other, nor UI.',
      from: { path: '^lib/background/' },
      // The catalog (the features' ids) is not page code: the worker forgets each feature's outline.
      to: { path: '^(lib/features/|components/|entrypoints/)', pathNot: '^lib/features/catalog\\.ts$' },
    },
    {
      name: 'features-not-worker-or-ui',
      severity: 'error',
      comment: 'Page features run in dashboard pages: no worker code, no extension-page UI.',
      from: { path: '^lib/features/' },
      to: { path: '^(lib/background/|components/|entrypoints/)' },
    },
    {
      name: 'extension-pages-take-feature-metadata-only',
      severity: 'error',
      comment: 'Options and the popup read a feature\'s meta.ts and the catalog, never its page code.',
      from: { path: '^components/' },
      to: { path: '^lib/features/', pathNot: '^lib/features/(catalog|metas|feature|health|[^/]+/meta|project-emphasis/accent)\\.ts$' },
    },
    {
      name: 'components-not-entrypoints',
      severity: 'error',
      comment: 'Entrypoints wire components, not the other way round.',
      from: { path: '^components/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'lib-not-ui',
      severity: 'error',
      comment: 'lib/ renders nothing: it does not import components or entrypoints.',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests and their helpers may reach across folders to set a scene; production code may not.
    exclude: { path: ['^(node_modules|\\.output|\\.wxt|e2e)/', '\\.test\\.tsx?$', '/testing/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
