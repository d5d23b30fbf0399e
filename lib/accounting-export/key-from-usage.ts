import type { CompletionsUsageBucket } from '../admin-api/responses';

/** Finds the API key of a cost row: its UTC day, project and line item. */
export type ApiKeyLookup = (dayStart: number, projectId: string | null, lineItem: string | null) => string | null;

/** The model a cost line item names: "gpt-4o-mini, input" → "gpt-4o-mini". */
const lineItemModel = (lineItem: string): string => lineItem.split(',')[0]?.trim() ?? '';

/** Usage names the model or a dated snapshot of it ("gpt-4o-2024-08-06", "gpt-4-0613"), never a sibling ("gpt-4o-mini"). */
const SNAPSHOT_SUFFIX = /^-\d{4}(?:-\d{2}-\d{2})?$/;
const sameModel = (usageModel: string, model: string): boolean =>
  usageModel === model || (usageModel.startsWith(model) && SNAPSHOT_SUFFIX.test(usageModel.slice(model.length)));

/**
 * The API key of a cost row, from completions usage (grouped by project, key and model),
 * for when the Costs API would not group by key: the one key that carried that day's
 * requests of the project for the model the line item names. Null when no usage matches,
 * when several keys (or a key the API did not name) share it, or for a line item that
 * names no model: dollars are never split between keys here.
 */
export function apiKeyFromUsage(usageBuckets: readonly CompletionsUsageBucket[]): ApiKeyLookup {
  const byDayAndProject = new Map<string, { model: string | null; apiKeyId: string | null }[]>();
  for (const bucket of usageBuckets) {
    for (const result of bucket.results) {
      if (result.projectId === null || result.requests === 0) continue;
      const key = `${bucket.startTime} ${result.projectId}`;
      const seen = byDayAndProject.get(key) ?? [];
      seen.push({ model: result.model, apiKeyId: result.apiKeyId ?? null });
      byDayAndProject.set(key, seen);
    }
  }
  return (dayStart, projectId, lineItem) => {
    if (projectId === null || lineItem === null) return null;
    const model = lineItemModel(lineItem);
    if (model === '') return null;
    const keys = new Set(
      (byDayAndProject.get(`${dayStart} ${projectId}`) ?? [])
        .filter((result) => result.model !== null && sameModel(result.model, model))
        .map((result) => result.apiKeyId),
    );
    const [only = null] = keys;
    return keys.size === 1 ? only : null;
  };
}
