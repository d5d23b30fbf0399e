import { findLoggingSetting, type FoundLoggingSetting } from './logging-state';

/**
 * Window messages between the page-world response observer and the content script. The page
 * can post these too: at most it changes which logging reminder shows, nothing else.
 */
export const SETTING_MESSAGE = 'refined-openai-platform:logging-setting';
export const SETTING_REQUEST = 'refined-openai-platform:logging-setting?';

export function parseSettingMessage(data: unknown): FoundLoggingSetting | null {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== SETTING_MESSAGE) return null;
  return findLoggingSetting((data as { setting?: unknown }).setting ?? null);
}
