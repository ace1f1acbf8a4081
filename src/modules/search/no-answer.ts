/**
 * What a query that finds nothing gets instead (the only path that pays for it): the longest shorter
 * form of it that finds something (relaxed-query.ts) and a spelling correction that finds something
 * (spelling.ts, "did you mean"), both checked in one multi-search.
 */
import type { Principal } from '../../auth/principal.js';
import { isStaff } from '../../auth/principal.js';
import type { Logger } from '../../logger.js';
import type { ArticleEngine, EngineAnswer } from './article-engine.js';
import { relaxedCandidates } from './relaxed-query.js';
import type { DidYouMean, SearchFilter } from './search-results.js';
import { spellingSuggestions } from './spelling.js';
import type { SpellingVocabularies } from './spelling-vocabulary.js';

/** Most spelling corrections checked against the engine for one query. */
const MAX_SPELLINGS = 2;

export interface NoAnswerHelp {
  /** The engine's answer to the relaxed form, or null when no shorter form finds anything. */
  relaxed: EngineAnswer | null;
  didYouMean: DidYouMean | null;
}

/**
 * The relaxed answer and the correction for `query` (which found nothing), under the reader's filter
 * leaving out `hidden` ids; neither when the engine fails (logged).
 */
export async function helpForNoAnswer(
  engine: ArticleEngine,
  vocabularies: SpellingVocabularies,
  logger: Logger,
  search: {
    reader: Principal;
    query: string;
    filter: SearchFilter;
    want: number;
    hidden: string[];
    facets: boolean;
  },
): Promise<NoAnswerHelp> {
  const { reader, query, filter, want, hidden, facets } = search;
  const relaxedForms = relaxedCandidates(query);
  let relaxed: EngineAnswer | null = null;
  let didYouMean: DidYouMean | null = null;
  try {
    const spellings = await spellingsOf(vocabularies, logger, reader, query);
    const counts = await engine.hitCounts(reader, [...relaxedForms, ...spellings], filter, hidden);
    const shorter = relaxedForms.find((_, i) => (counts[i] ?? 0) > 0);
    const spelt = spellings.findIndex((_, i) => (counts[relaxedForms.length + i] ?? 0) > 0);
    const spelling = spellings[spelt];
    if (spelling !== undefined)
      didYouMean = { query: spelling, hitCount: counts[relaxedForms.length + spelt] ?? 0 };
    if (shorter !== undefined) relaxed = await engine.ask(reader, shorter, filter, want, hidden, facets);
  } catch (error) {
    logger.warn({ err: error, source: 'meilisearch' }, 'the relaxed query failed: answering none');
  }
  return { relaxed, didYouMean };
}

/** Spelling corrections of a query that found nothing, from the reader's vocabulary (none on failure). */
async function spellingsOf(
  vocabularies: SpellingVocabularies,
  logger: Logger,
  reader: Principal,
  query: string,
): Promise<string[]> {
  try {
    const vocabulary = await vocabularies.get(!isStaff(reader));
    return spellingSuggestions(query, vocabulary).slice(0, MAX_SPELLINGS);
  } catch (error) {
    logger.warn({ err: error, source: 'meilisearch' }, 'the spelling vocabulary could not be read');
    return [];
  }
}
