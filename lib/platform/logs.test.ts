import { describe, expect, it } from 'vitest';
import { readLogsPageState } from './logs';

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
