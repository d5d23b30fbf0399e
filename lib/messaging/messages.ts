import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AdminApiFailure } from '../admin-api/errors';
import type { OrgLoggingSetting } from '../logging-reminder/logging-state';
import type { UsageScope, UsageSummary } from '../usage/summarize-usage';
import type { UsageStatus } from '../usage/cache';
import type { KeyRetention, OrganizationKey, StoredAdminKey } from '../storage/key-store';
import type { StoredOutline } from '../storage/page-outline';
import type { OrganizationLogging, Silence } from '../logging-reminder/logging-state';
import type { PageLoggingSources } from '../logging-reminder/retention';
import type { HealthMap, KnownProject } from '../storage/records';
import type { SenderRole } from './sender';

export type KeyVerification =
  | { ok: true; stored: Omit<OrganizationKey, 'key'> }
  /** `access` is set when the key is valid but may not read costs or usage, or when its organization could not be told. */
  | { ok: false; failure: AdminApiFailure | OrganizationUnknown; access: StoredAdminKey['access'] | null };

/** A valid key for a new organization that neither a platform tab nor the user named: not saved. */
export interface OrganizationUnknown {
  kind: 'organization-unknown';
  userMessage: string;
}

/**
 * A key to verify and store, with what options knows of its organization (docs/facts.md
 * "Which organization a key belongs to"): the organization of the platform tab it was
 * verified from, else a name the user typed; null when neither is known.
 */
export interface SaveKeyRequest {
  key: string;
  organization: { from: 'tab'; id: string; name: string } | { from: 'user'; name: string } | null;
}

export interface UsageSummaryReply {
  summary: UsageSummary;
  fetchedAt: number;
}

/** What a Logs page showed about logging for one project. */
export interface LoggingPageReport {
  organization: string;
  project: string;
  status: 'enabled' | 'disabled';
  /** Epoch milliseconds; the worker never files a report later than its own clock. */
  at: number;
}

/** The organization's logging setting, as a dashboard response carried it. */
export interface LoggingSettingReport {
  organization: string;
  setting: OrgLoggingSetting;
  projectIds: string[];
  /** Epoch milliseconds; the worker never files a report later than its own clock. */
  at: number;
}

/** A project seen in the dashboard's switcher (options offers a colour for it). */
export interface ProjectSighting {
  key: string;
  id: string | null;
  name: string;
  organization: string;
}

/**
 * What dashboard pages read of the worker's records (lib/background/page-records.ts): pages may not open
 * storage.local, where the records live (lib/storage/storage-access.ts).
 */
export interface PageRecords {
  knownProjects: KnownProject[];
  loggingObservations: Record<string, OrganizationLogging>;
  loggingSilence: Record<string, Silence>;
  /** What the admin key read about logging (audit log, data retention), trimmed to what a page uses. */
  loggingSources: PageLoggingSources;
  /** When the worker read them (epoch ms): a page keeps the newest it was sent. */
  readAt: number;
}

export interface SilenceRequest {
  /** Project key. */
  project: string;
  how: 'dismiss' | 'snooze';
}

/**
 * Messages to the background worker. Nothing here returns the key or runs a caller-chosen
 * request. The record* and report* messages are how pages report what they observed: the
 * worker is the one writer of those records (lib/storage/records.ts) and applies reports in order.
 */
export interface UsageGlanceProtocol {
  /** `force`: refresh even if the cache is under a minute old (Retry-After is honoured regardless). */
  refreshUsage(request: { force: boolean }): UsageStatus;
  /** Verifies the key with live calls and stores it for its organization only if it can read costs and usage. */
  saveAdminKey(request: SaveKeyRequest): KeyVerification;
  /** Forgets one organization's key and what was read with it, and nothing else. */
  removeAdminKey(organizationId: string): void;
  /**
   * Keeps one organization's key (null: the next key saved) on this device or until the
   * browser closes; answers where it is now (null: no key).
   */
  setKeyRetention(request: { organizationId: string | null; retention: KeyRetention }): KeyRetention | null;
  /** When the stored key expires (epoch ms), if OpenAI said; null otherwise. */
  getKeyExpiry(): number | null;
  /** The user has looked at these spike alerts (by id): the badge stops showing them. */
  acknowledgeSpikes(ids: string[]): void;
  /** The cached summary for a scope (a dashboard page may ask for the organization's only); null before the first successful refresh. */
  getUsageSummary(scope: UsageScope): UsageSummaryReply | null;
  recordLoggingPage(report: LoggingPageReport): void;
  recordLoggingSetting(report: LoggingSettingReport): void;
  /** Feature id → how it fared on this page; merged over what other pages reported. */
  reportFeatureHealth(batch: HealthMap): void;
  rememberProject(project: ProjectSighting): void;
  /** The user dismissed or snoozed a project's logging reminder (in a page or the popup). */
  silenceReminder(request: SilenceRequest): void;
  /** Whether an admin key is set (never the key): the Usage page's ZIP export then offers the accounting export. */
  hasAdminKey(): boolean;
  /** Opens the accounting export page for a year (Admin API, whole organization) in a tab, as the popup does. */
  openAccountingExport(request: UsagePageExportRequest): void;
  /** The records a dashboard page reads; the asking tab is then sent `pageRecordsChanged` after each change. */
  getPageRecords(): PageRecords;
  /** A redacted outline of what a feature looked at, for options' "Copy a page outline for a bug report". */
  storePageOutline(outline: StoredOutline): void;
  /** Storage is full (storage-problems.ts): forgets what dashboard pages reported, to make room. */
  clearPageRecords(): void;
}

/** What a dashboard page may ask of the accounting export: a year, and the organization's name as the page shows it. */
export interface UsagePageExportRequest {
  year: number;
  organizationName: string | null;
  /** The page's `org-…` id, when its switcher shows one. */
  organizationId: string | null;
}

export const MESSAGE_ACCESS: Record<keyof UsageGlanceProtocol, readonly SenderRole[]> = {
  refreshUsage: ['extension-page'],
  saveAdminKey: ['extension-page'],
  removeAdminKey: ['extension-page'],
  setKeyRetention: ['extension-page'],
  getKeyExpiry: ['extension-page'],
  acknowledgeSpikes: ['extension-page'],
  getUsageSummary: ['extension-page', 'platform-content-script'],
  recordLoggingPage: ['platform-content-script'],
  recordLoggingSetting: ['platform-content-script'],
  reportFeatureHealth: ['platform-content-script'],
  rememberProject: ['platform-content-script'],
  silenceReminder: ['extension-page', 'platform-content-script'],
  hasAdminKey: ['extension-page', 'platform-content-script'],
  openAccountingExport: ['extension-page', 'platform-content-script'],
  getPageRecords: ['platform-content-script'],
  storePageOutline: ['platform-content-script'],
  clearPageRecords: ['extension-page'],
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
  /** Sent by the worker to each tab that asked for the page records, when they change. */
  pageRecordsChanged(records: PageRecords): void;
}

export const platformTabMessenger = defineExtensionMessaging<PlatformTabProtocol>();
