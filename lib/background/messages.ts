import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AdminApiFailure } from '../admin-api/errors';
import type { UsageScope, UsageSummary } from '../usage/summarize-usage';
import type { UsageStatus } from '../usage/cache';
import type { StoredAdminKey } from './key-store';
import type { SenderRole } from './sender';

export type KeyVerification =
  | { ok: true; stored: Omit<StoredAdminKey, 'key'> }
  /** `access` is set when the key is valid but may not read costs or usage. */
  | { ok: false; failure: AdminApiFailure; access: StoredAdminKey['access'] | null };

export interface UsageSummaryReply {
  summary: UsageSummary;
  fetchedAt: number;
}

/** Messages to the background worker. Nothing here returns the key or runs a caller-chosen request. */
export interface UsageGlanceProtocol {
  /** `force`: refresh even if the cache is under a minute old (Retry-After is honoured regardless). */
  refreshUsage(request: { force: boolean }): UsageStatus;
  /** Verifies the key with live calls and stores it only if it can read costs and usage. */
  saveAdminKey(key: string): KeyVerification;
  /** Forgets the key and the numbers it fetched. */
  removeAdminKey(): void;
  /** The user has looked at these spike alerts (by id): the badge stops showing them. */
  acknowledgeSpikes(ids: string[]): void;
  /** The cached summary for a scope; null before the first successful refresh. */
  getUsageSummary(scope: UsageScope): UsageSummaryReply | null;
}

export const MESSAGE_ACCESS: Record<keyof UsageGlanceProtocol, readonly SenderRole[]> = {
  refreshUsage: ['extension-page'],
  saveAdminKey: ['extension-page'],
  removeAdminKey: ['extension-page'],
  acknowledgeSpikes: ['extension-page'],
  getUsageSummary: ['extension-page', 'platform-content-script'],
};

// Runtime messages without this library's envelope are ignored quietly (its default since 3.0).
export const usageGlanceMessenger = defineExtensionMessaging<UsageGlanceProtocol>();

export interface ActiveProject {
  projectId: string | null;
  projectName: string;
  organizationId: string | null;
  organizationName: string;
}

/** Asked of the platform.openai.com content script in the active tab, by the popup. */
export interface PlatformTabProtocol {
  getActiveProject(): ActiveProject | null;
}

export const platformTabMessenger = defineExtensionMessaging<PlatformTabProtocol>();
