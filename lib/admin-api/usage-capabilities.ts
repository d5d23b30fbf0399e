/**
 * The Admin API's usage endpoints besides completions (docs/facts.md §1, "Usage endpoints"):
 * each one's path, the groupings it accepts and the fields of its results, as that section's
 * table lists them. Results are read generically into the fields
 * listed here (unknown fields are ignored, as everywhere in lib/admin-api).
 */
import { asObject, readCount, readOptionalCount, readOptionalString, type JsonObject } from './shape';

export type UsageCapability =
  | 'embeddings'
  | 'moderations'
  | 'images'
  | 'audio_speeches'
  | 'audio_transcriptions'
  | 'vector_stores'
  | 'code_interpreter_sessions'
  | 'file_search_calls'
  | 'web_search_calls';

/** A result field: a count (integer), or text (an id, a model, a size…); `required` ones must be present. */
export interface UsageField {
  name: string;
  kind: 'count' | 'text';
  required?: boolean;
}

export interface UsageCapabilitySpec {
  /** Path under /v1. */
  path: string;
  groupBy: readonly string[];
  /** In the order of the export's CSV columns. */
  fields: readonly UsageField[];
}

const text = (name: string): UsageField => ({ name, kind: 'text' });
const count = (name: string, required = true): UsageField => ({ name, kind: 'count', required });
const BY_MODEL = ['project_id', 'user_id', 'api_key_id', 'model'] as const;
const MODEL_FIELDS = [text('project_id'), count('num_model_requests'), text('user_id'), text('api_key_id'), text('model')];

export const USAGE_CAPABILITIES: Readonly<Record<UsageCapability, UsageCapabilitySpec>> = {
  embeddings: { path: '/organization/usage/embeddings', groupBy: BY_MODEL, fields: [...MODEL_FIELDS, count('input_tokens')] },
  moderations: { path: '/organization/usage/moderations', groupBy: BY_MODEL, fields: [...MODEL_FIELDS, count('input_tokens')] },
  images: {
    path: '/organization/usage/images',
    groupBy: [...BY_MODEL, 'size', 'source'],
    fields: [...MODEL_FIELDS, text('size'), text('source'), count('images')],
  },
  audio_speeches: { path: '/organization/usage/audio_speeches', groupBy: BY_MODEL, fields: [...MODEL_FIELDS, count('characters')] },
  audio_transcriptions: { path: '/organization/usage/audio_transcriptions', groupBy: BY_MODEL, fields: [...MODEL_FIELDS, count('seconds')] },
  vector_stores: { path: '/organization/usage/vector_stores', groupBy: ['project_id'], fields: [text('project_id'), count('usage_bytes')] },
  code_interpreter_sessions: {
    path: '/organization/usage/code_interpreter_sessions',
    groupBy: ['project_id'],
    fields: [text('project_id'), count('num_sessions')],
  },
  file_search_calls: {
    path: '/organization/usage/file_search_calls',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
    fields: [text('project_id'), count('num_requests'), text('user_id'), text('api_key_id'), text('vector_store_id')],
  },
  web_search_calls: {
    path: '/organization/usage/web_search_calls',
    groupBy: [...BY_MODEL, 'context_level'],
    fields: [...MODEL_FIELDS, count('num_requests'), text('context_level')],
  },
};

export const USAGE_CAPABILITY_NAMES = Object.keys(USAGE_CAPABILITIES) as UsageCapability[];

/** A result as the fields list names it; a field the API left out or sent as null is null. */
export type UsageRow = Readonly<Record<string, string | number | null>>;

export function usageRowParser(capability: UsageCapability): (value: unknown, path: string) => UsageRow {
  const { fields } = USAGE_CAPABILITIES[capability];
  return (value, path) => {
    const result: JsonObject = asObject(value, path);
    const row: Record<string, string | number | null> = {};
    for (const field of fields) {
      if (field.kind === 'text') row[field.name] = readOptionalString(result, field.name, path);
      else if (field.required) row[field.name] = readCount(result, field.name, path);
      else row[field.name] = readOptionalCount(result, field.name, path);
    }
    return row;
  };
}
