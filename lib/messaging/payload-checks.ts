import { isOrganizationId, isProjectId, MAX_ID_CHARS, parseScope } from '../admin-api/scope';
import { MAX_SELECTED_PROJECTS, ORG_LOGGING_SETTINGS } from '../logging-reminder/logging-state';
import { FIRST_EXPORT_YEAR } from '../accounting-export/export-request';
import { OUTLINE_LIMITS } from '../platform/outline/outline';
import { FEATURES } from '../features/catalog';
import type { UsageGlanceProtocol } from './messages';

/**
 * Types vanish at run time, and a content script shares its tab with a page that may be
 * hostile: every message to the worker is refused unless its payload is within its size
 * bound and has exactly the shape its handler expects.
 */

export const LIMITS = {
  /** Project and organization keys: an id, or "name:" and a name the dashboard shows. */
  keyChars: 400,
  nameChars: 200,
  projectIds: MAX_SELECTED_PROJECTS,
  idChars: MAX_ID_CHARS,
  pathChars: 2_048,
  errorChars: 500,
  featuresPerReport: 32,
  spikeIds: 1_000,
} as const;

/**
 * Serialized size bound of each message's payload (JSON characters). Checked before the
 * shape, so an oversized payload costs one measurement and nothing else.
 */
export const MAX_PAYLOAD_CHARS: Record<keyof UsageGlanceProtocol, number> = {
  refreshUsage: 100,
  saveAdminKey: 600 + 2 * LIMITS.nameChars + LIMITS.idChars,
  removeAdminKey: 20 + LIMITS.idChars,
  setKeyRetention: 60 + LIMITS.idChars,
  getKeyExpiry: 20,
  acknowledgeSpikes: 200_000,
  getUsageSummary: 100,
  recordLoggingPage: 2_000,
  recordLoggingSetting: 2_000 + LIMITS.projectIds * (LIMITS.idChars + 3),
  reportFeatureHealth: 100_000,
  rememberProject: 2_000,
  silenceReminder: 1_000,
  hasAdminKey: 20,
  openAccountingExport: 400,
  getPageRecords: 20,
  // Escapes may double an outline's characters in JSON.
  storePageOutline: 2 * OUTLINE_LIMITS.characters + 2 * LIMITS.pathChars + 200,
  clearPageRecords: 20,
};

export function payloadChars(data: unknown): number {
  try {
    return JSON.stringify(data)?.length ?? 0;
  } catch {
    // Cycles and BigInts cannot cross the message channel; treat them as too big.
    return Number.POSITIVE_INFINITY;
  }
}

type Shape = Record<string, unknown>;

const isRecord = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasOnly = (value: Shape, allowed: readonly string[]) => Object.keys(value).every((key) => allowed.includes(key));
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isKey = (value: unknown) => isText(value, LIMITS.keyChars);
const isTime = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
/**
 * Reports and outlines name one of our features, never an id a page made up (each would be
 * a storage key or entry of its own). The catalog's ids only: its metadata's texts stay out
 * of the content script, which imports this module for LIMITS.
 */
const isKnownFeatureId = (value: unknown): value is string => FEATURES.some((feature) => feature.id === value);
const HEALTH_STATES = ['active', 'not-applicable', 'not-recognized', 'error'];

const isStringList = (value: unknown, max: number): value is string[] =>
  Array.isArray(value) && value.length <= max && value.every((item) => isText(item, 200));

function isHealthRecord(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasOnly(value, ['state', 'path', 'at', 'error']) &&
    HEALTH_STATES.includes(value.state as string) &&
    isText(value.path, LIMITS.pathChars) &&
    (value.path as string).startsWith('/') &&
    isTime(value.at) &&
    (value.error === undefined || (typeof value.error === 'string' && value.error.length <= LIMITS.errorChars))
  );
}

function isKeyOrganization(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.from === 'tab') return hasOnly(value, ['from', 'id', 'name']) && isText(value.id, LIMITS.idChars) && isText(value.name, LIMITS.nameChars);
  return value.from === 'user' && hasOnly(value, ['from', 'name']) && isText(value.name, LIMITS.nameChars);
}

export const PAYLOAD_CHECKS: { [Type in keyof UsageGlanceProtocol]: (data: unknown) => boolean } = {
  refreshUsage: (data) => isRecord(data) && hasOnly(data, ['force']) && typeof data.force === 'boolean',
  saveAdminKey: (data) =>
    isRecord(data) &&
    hasOnly(data, ['key', 'organization']) &&
    typeof data.key === 'string' &&
    data.key.length <= 512 &&
    (data.organization === null || isKeyOrganization(data.organization)),
  removeAdminKey: (data) => isText(data, LIMITS.idChars),
  setKeyRetention: (data) =>
    isRecord(data) &&
    hasOnly(data, ['organizationId', 'retention']) &&
    (data.organizationId === null || isText(data.organizationId, LIMITS.idChars)) &&
    (data.retention === 'device' || data.retention === 'session'),
  getKeyExpiry: (data) => data === undefined || data === null,
  acknowledgeSpikes: (data) => isStringList(data, LIMITS.spikeIds),
  getUsageSummary: (data) => parseScope(data) !== null,
  recordLoggingPage: (data) =>
    isRecord(data) &&
    hasOnly(data, ['organization', 'project', 'status', 'at']) &&
    isKey(data.organization) &&
    isKey(data.project) &&
    (data.status === 'enabled' || data.status === 'disabled') &&
    isTime(data.at),
  recordLoggingSetting: (data) =>
    isRecord(data) &&
    hasOnly(data, ['organization', 'setting', 'projectIds', 'at']) &&
    isKey(data.organization) &&
    (ORG_LOGGING_SETTINGS as readonly unknown[]).includes(data.setting) &&
    Array.isArray(data.projectIds) &&
    data.projectIds.length <= LIMITS.projectIds &&
    data.projectIds.every(isProjectId) &&
    isTime(data.at),
  reportFeatureHealth: (data) =>
    isRecord(data) &&
    Object.keys(data).length <= LIMITS.featuresPerReport &&
    Object.entries(data).every(([id, record]) => isKnownFeatureId(id) && isHealthRecord(record)),
  rememberProject: (data) =>
    isRecord(data) &&
    hasOnly(data, ['key', 'id', 'name', 'organization']) &&
    isKey(data.key) &&
    (data.id === null || isProjectId(data.id)) &&
    isText(data.name, LIMITS.nameChars) &&
    isText(data.organization, LIMITS.nameChars),
  silenceReminder: (data) =>
    isRecord(data) && hasOnly(data, ['project', 'how']) && isKey(data.project) && (data.how === 'dismiss' || data.how === 'snooze'),
  hasAdminKey: (data) => data === undefined || data === null,
  openAccountingExport: (data) =>
    isRecord(data) &&
    hasOnly(data, ['year', 'organizationName', 'organizationId']) &&
    (data.organizationId === undefined || data.organizationId === null || isOrganizationId(data.organizationId)) &&
    Number.isInteger(data.year) &&
    (data.year as number) >= FIRST_EXPORT_YEAR &&
    (data.year as number) <= 9999 &&
    (data.organizationName === null || isText(data.organizationName, LIMITS.nameChars)),
  getPageRecords: (data) => data === undefined || data === null,
  storePageOutline: (data) =>
    isRecord(data) &&
    hasOnly(data, ['featureId', 'path', 'at', 'outline']) &&
    isKnownFeatureId(data.featureId) &&
    isText(data.path, LIMITS.pathChars) &&
    (data.path as string).startsWith('/') &&
    isTime(data.at) &&
    typeof data.outline === 'string' &&
    // The budget's characters plus its closing "truncated" line.
    data.outline.length <= OUTLINE_LIMITS.characters + 100,
  clearPageRecords: (data) => data === undefined || data === null,
};

/** Why a payload is refused, or null when it may be handled. */
export function payloadProblem(type: keyof UsageGlanceProtocol, data: unknown): 'too large' | 'malformed' | null {
  if (payloadChars(data) > MAX_PAYLOAD_CHARS[type]) return 'too large';
  return PAYLOAD_CHECKS[type](data) ? null : 'malformed';
}
