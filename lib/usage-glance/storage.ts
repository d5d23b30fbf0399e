import { storage } from 'wxt/utils/storage';
import { INITIAL_STATUS, type UsageCache, type UsageStatus } from './cache';

/** Written only together with usageStatus, in one storage.local.set (see refresh.ts). */
export const usageCache = storage.defineItem<UsageCache | null>('local:usageCache', { fallback: null });

export const usageStatus = storage.defineItem<UsageStatus>('local:usageStatus', { fallback: INITIAL_STATUS });
