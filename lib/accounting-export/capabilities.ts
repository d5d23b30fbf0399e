import { USAGE_CAPABILITY_NAMES, type UsageCapability } from '../admin-api/usage-capabilities';

/**
 * Every usage capability the Admin API reports (docs/facts.md §1: completions plus the nine
 * endpoints of lib/admin-api/usage-capabilities.ts), in the archive's order.
 */
export type Capability = 'completions' | UsageCapability;
export const CAPABILITIES: readonly Capability[] = ['completions', ...USAGE_CAPABILITY_NAMES];

/** A capability's dataset, named as the dashboard names its files: `embeddings_usage_<from>_<to>.csv`. */
export type UsageDataset = `${Capability}_usage`;
export const usageDataset = (capability: Capability): UsageDataset => `${capability}_usage`;

const WORDS: Record<Capability, string> = {
  completions: 'completions',
  embeddings: 'embeddings',
  moderations: 'moderations',
  images: 'images',
  audio_speeches: 'audio speeches',
  audio_transcriptions: 'audio transcriptions',
  vector_stores: 'vector stores',
  code_interpreter_sessions: 'code interpreter sessions',
  file_search_calls: 'file search calls',
  web_search_calls: 'web search calls',
};

/** "web search calls usage". */
export const capabilityWords = (capability: Capability): string => `${WORDS[capability]} usage`;
