/**
 * The vocabularies "did you mean" corrects against, kept in memory and built only when a query
 * found nothing: titles, tags and codes of the indexed articles and the managed synonyms (read from
 * Meilisearch, which holds them all), and popular answered queries (in memory already). The public's
 * vocabulary holds public articles and public searches only, so no suggestion spells out an internal
 * title's words. Rebuilt when older than `MAX_AGE_MS` (by the query that finds it so; concurrent ones
 * share the rebuild). A stale vocabulary is harmless: a suggestion is offered only when it finds
 * something for the reader, under the reader's visibility filter, at the time of the search.
 */
import type { Meilisearch } from 'meilisearch';
import type { Logger } from '../../logger.js';
import type { ArticleSearchDocument } from '../indexing/index.js';
import type { PopularQueries } from './popular-queries.js';
import { buildVocabulary } from './spelling.js';
import type { Vocabulary } from './spelling.js';

const MAX_AGE_MS = 60_000;
/** Most index documents read for the vocabulary (titles of a larger base beyond it are left out). */
const MAX_DOCUMENTS = 10_000;
/** Most popular queries used. */
const MAX_POPULAR = 500;

type VocabularyFields = Pick<
  ArticleSearchDocument,
  'title_zh' | 'title_en' | 'tags' | 'errorCodes' | 'audience'
>;

interface Built {
  at: number;
  staff: Vocabulary;
  public: Vocabulary;
}

export class SpellingVocabularies {
  private built: Built | undefined;
  private building: Promise<Built> | undefined;

  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
    private readonly popular: PopularQueries | undefined,
    private readonly logger: Logger,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The vocabulary for the public or for staff; throws when Meilisearch cannot be read. */
  async get(publicOnly: boolean): Promise<Vocabulary> {
    const built = this.built;
    const age = built ? this.clock() - built.at : Number.POSITIVE_INFINITY;
    const current = !built || age > MAX_AGE_MS ? await this.rebuild() : built;
    return publicOnly ? current.public : current.staff;
  }

  private rebuild(): Promise<Built> {
    this.building ??= this.load().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async load(): Promise<Built> {
    const at = this.clock();
    const index = this.meili().index<ArticleSearchDocument>(this.indexUid);
    const [documents, synonyms, stopWords] = await Promise.all([
      index.getDocuments<VocabularyFields>({
        fields: ['title_zh', 'title_en', 'tags', 'errorCodes', 'audience'],
        limit: MAX_DOCUMENTS,
      }),
      index.getSynonyms(),
      index.getStopWords(),
    ]);
    const synonymTerms = Object.entries(synonyms).flatMap(([term, alternatives]) => [term, ...alternatives]);
    const sourceOf = (docs: VocabularyFields[], popular: string[]) => ({
      texts: [...docs.flatMap((doc) => [doc.title_zh ?? '', doc.title_en ?? '']), ...popular],
      terms: [...docs.flatMap((doc) => doc.tags), ...synonymTerms],
      codes: docs.flatMap((doc) => doc.errorCodes),
      popular,
      stopWords: stopWords ?? [],
    });
    const all = documents.results;
    const built: Built = {
      at,
      staff: buildVocabulary(sourceOf(all, this.popular?.answered(false, MAX_POPULAR) ?? [])),
      public: buildVocabulary(
        sourceOf(
          all.filter((doc) => doc.audience === 'PUBLIC'),
          this.popular?.answered(true, MAX_POPULAR) ?? [],
        ),
      ),
    };
    this.logger.debug({ documents: all.length }, 'spelling vocabulary built');
    this.built = built;
    return built;
  }
}
