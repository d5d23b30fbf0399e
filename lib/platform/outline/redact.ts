/**
 * Redaction for page outlines: every piece of text is replaced by its shape (letters by A/a,
 * digits by 9, everything else kept), unless the whole text is one of a fixed list of the
 * dashboard's own interface words. Organization and project names, keys, e-mail addresses
 * and amounts never match that list as a whole, so none of them survives.
 */

import { foldWhitespace, normalizeName } from '../names';

/** Interface wording known from docs/facts.md §2–§3 and the fixtures; compared after normalizeName. */
const INTERFACE_PHRASES = new Set([
  // Top bar, sidebar and menus.
  'openai', 'openai home', 'home', 'dashboard', 'playground', 'chat', 'docs', 'api reference', 'help', 'settings', 'account',
  'profile', 'log in', 'log out', 'usage', 'logs', 'api keys', 'admin keys', 'billing', 'limits', 'members', 'projects',
  'organization', 'project', 'create', 'manage', 'optimize', 'storage', 'batches', 'assistants', 'agents', 'evaluations',
  'fine-tuning', 'data controls', 'search', 'menu', 'close', 'more', 'notifications', 'all projects', 'toggle sidebar',
  'create project', 'manage projects', 'view all', 'switch organization', 'switch project',
  // Usage page and its Export modal.
  'export', 'export usage', 'download', 'downloading', 'download failed', 'try again', 'cancel', 'done', 'cost', 'costs',
  'activity', 'spend', 'start date', 'end date', 'date range', 'today', 'yesterday', 'last 7 days', 'last 30 days',
  'this month', 'last month', 'click the download button for each row.',
  // Logs page.
  'completions', 'chat completions', 'responses', 'conversations', 'chatkit threads', 'traces', 'enable logging',
  'enable logging?', 'not now', 'turn on logging', 'no logs yet.', 'model', 'created', 'status', 'input', 'output',
  'api calls from the responses api are logged by default. use the store=false api parameter to disable logging.',
  // Data controls.
  'data retention', 'sharing', 'visibility', 'hosted tools', 'api call logging', 'disabled', 'enabled per call',
  'enabled for all projects', 'enabled for selected projects', 'selected projects', 'save', 'saved',
  // Separators and icon glyphs.
  '/', '·', '|', '›', '»', '×', '…', '-',
]);

/** Interface wording with a number in it. */
const INTERFACE_PATTERNS = [/^download \d{1,3} files?$/];

/** Whether the whole text is the dashboard's own wording, safe to keep as it is. */
export function isInterfaceText(text: string): boolean {
  const name = normalizeName(text);
  return INTERFACE_PHRASES.has(name) || INTERFACE_PATTERNS.some((pattern) => pattern.test(name));
}

/** "Acme Corp 5" → "Aaaa Aaaa 9": letters and digits replaced, spacing and punctuation kept. */
export function shapeOf(text: string): string {
  return text.replace(/\p{L}/gu, (letter) => (letter !== letter.toLowerCase() ? 'A' : 'a')).replace(/\p{N}/gu, '9');
}

const MAX_TEXT = 80;

/** Text as the outline shows it: whitespace folded, interface words kept, everything else by its shape, bounded. */
export function redactText(text: string): string {
  const folded = foldWhitespace(text);
  const kept = isInterfaceText(folded) ? folded : shapeOf(folded);
  return kept.length > MAX_TEXT ? `${kept.slice(0, MAX_TEXT)}…` : kept;
}

/** Route segments of the dashboard (docs/facts.md §3); any other segment is shown by its shape. */
const ROUTE_SEGMENTS = new Set([
  'usage', 'account', 'legacy', 'scale-tier', 'logs', 'settings', 'organization', 'api-keys', 'admin-keys', 'limits',
  'billing', 'overview', 'history', 'data-controls', 'data-retention', 'sharing', 'visibility', 'hosted-tools', 'people',
  'members', 'projects', 'general', 'chat', 'playground', 'docs', 'assistants', 'storage', 'batches',
]);

/** A link target as the outline shows it: the dashboard's path with ids and names shaped; no query, no other site. */
export function redactHref(href: string, base: string): string {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return '(unreadable)';
  }
  if (url.protocol === 'blob:' || url.protocol === 'data:') return `(${url.protocol.slice(0, -1)})`;
  if (url.origin !== new URL(base).origin) return '(other site)';
  const path = url.pathname
    .split('/')
    .map((segment) => (segment === '' || ROUTE_SEGMENTS.has(segment.toLowerCase()) ? segment : shapeOf(decodeURIComponentSafe(segment))))
    .join('/');
  return url.search || url.hash ? `${path}?…` : path;
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
