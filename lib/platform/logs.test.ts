import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogsPage, readLogsPageState } from './logs';

function load(name: string): Document {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing', name), 'utf8');
  return document;
}

describe('readLogsPageState', () => {
  it.each([
    ['<main><h1>Logs</h1></main><div role="dialog" data-state="open"><h2>Enable logging?</h2><button>Not now</button></div>', 'disabled'],
    ['<main><h1>Logs</h1><p>Chat completion logging is disabled for this project.</p></main>', 'disabled'],
    ['<main><h1>Logs</h1><p>Logs are off.</p></main>', 'disabled'],
    ['<main><h1>Logs</h1><table><tr><td><a href="/logs/chatcmpl-1">chatcmpl-1</a></td></tr></table></main>', 'enabled'],
    ['<main><h1>Logs</h1><p>Nothing here.</p></main>', null],
    // The page's own tabs link under /logs/ too: they are not logged requests.
    ['<main><h1>Logs</h1><nav><a href="/logs/responses">Responses</a><a href="/logs/chat">Chat</a></nav></main>', null],
    // Our own reminder must not be read as the dashboard's prompt.
    ['<main><div data-rop-owned="logging-reminder"><p>Logs are off for App</p><button>Enable logging</button></div><h1>Logs</h1></main>', null],
    ['<div role="dialog" data-state="closed"><h2>Enable logging?</h2></div><main><h1>Logs</h1></main>', null],
  ])('%s → %s', (html, expected) => {
    document.body.innerHTML = html;
    expect(readLogsPageState(document)).toBe(expected);
  });
});

describe('readLogsPage: what the evidence shows', () => {
  it('reads the tabs, the link rows and the Responses note of the January 2026 page', () => {
    expect(readLogsPage(load('logs-tabs.html'))).toEqual({
      tabs: ['completions', 'responses', 'conversations', 'chatkit threads', 'traces'],
      entries: 2,
      responsesNote: true,
      prompt: false,
    });
    expect(readLogsPageState(document)).toBe('enabled');
  });

  it('changes nothing on tabs and the note alone: "to disable logging" is not the prompt', () => {
    expect(readLogsPage(load('logs-tabs-empty.html'))).toEqual({ tabs: ['completions', 'responses'], entries: 0, responsesNote: true, prompt: false });
    expect(readLogsPageState(document)).toBeNull();
  });

  it.each([
    // Rows as a grid of role=row with id-like links of a kind not listed.
    ['<main><div role="grid"><div role="row"><div role="gridcell"><a href="/logs/req_9f8e7d6c">req</a></div></div></div></main>', 'enabled'],
    // Absolute links to the dashboard count; links elsewhere do not.
    ['<main><a href="https://platform.openai.com/logs/resp_1a2b3c">x</a></main>', 'enabled'],
    ['<main><a href="https://example.com/logs/resp_1a2b3c">x</a></main>', null],
    // An id-like link outside any row, of an unknown kind: not enough.
    ['<main><a href="/logs/req_9f8e7d6c">req</a></main>', null],
    // Tabs that link under /logs/ are not rows.
    ['<main><div role="tablist"><a role="tab" href="/logs/resp_1a2b3c">Responses</a></div></main>', null],
    // The prompt as an in-page banner, in any case and with an icon glyph, named only by aria-label.
    ['<main><h1>Logs</h1><div role="alert">\u26A0 LOGGING IS DISABLED for this project</div></main>', 'disabled'],
    ['<main><h1>Logs</h1><button aria-label="Enable logging"><svg></svg></button></main>', 'disabled'],
    ['<main><h1>Logs</h1><p>Turn on   chat completions logging…</p></main>', 'disabled'],
  ])('%s → %s', (html, expected) => {
    document.body.innerHTML = html;
    expect(readLogsPageState(document)).toBe(expected);
  });
});
