import { PLATFORM_ORIGIN } from '../platform/adapter';

/** Who may send a message to the worker. */
export type SenderRole = 'extension-page' | 'platform-content-script';

/** The parts of runtime.MessageSender that are checked. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

export interface ExtensionIdentity {
  id: string;
  /** browser.runtime.getURL('/'): "chrome-extension://<id>/" or "moz-extension://<uuid>/". */
  baseUrl: string;
}

/**
 * Extension pages (popup, options) are served from the extension's own origin. Our
 * content script runs in a tab on platform.openai.com; anything else (another page the
 * user opened, a frame, another extension) gets no role.
 */
export function senderRole(sender: SenderInfo, self: ExtensionIdentity): SenderRole | null {
  if (sender.id !== self.id || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(self.baseUrl)) return 'extension-page';
  if (sender.tab === undefined || sender.tab === null) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  return url.origin === PLATFORM_ORIGIN ? 'platform-content-script' : null;
}

export class RefusedMessageError extends Error {
  override readonly name = 'RefusedMessageError';
}

export function assertSender(
  sender: SenderInfo,
  self: ExtensionIdentity,
  allowed: readonly SenderRole[],
  messageType: string,
): SenderRole {
  const role = senderRole(sender, self);
  if (role === null || !allowed.includes(role)) {
    throw new RefusedMessageError(`Refused "${messageType}" from ${role ?? 'an unknown sender'}`);
  }
  return role;
}
