import type { Settings } from 'meilisearch';
import type { ObjectId } from 'mongodb';
import type { ArticleDoc } from '../articles/index.js';
import { indexVisibilityFields, isIndexable, markdownToText } from '../articles/index.js';
import type { IndexVisibilityFields } from '../articles/index.js';
import type { HallDoc } from '../halls/index.js';
import { normaliseText } from '../../lib/normalise-text.js';

/**
 * What the articles index holds for one article: its live revision, normalised, and nothing private.
 * The visibility attributes (audience, validity window) come from the visibility policy.
 */
export interface ArticleSearchDocument extends IndexVisibilityFields {
  /** The article's ObjectId, hex. */
  id: string;
  slug: string;
  locale: string;
  /** Chinese fields (`*_zh`) and English ones (`*_en`): each document fills the pair of its locale. */
  title_zh?: string;
  title_en?: string;
  summary_zh?: string;
  summary_en?: string;
  body_zh?: string;
  body_en?: string;
  tags: string[];
  errorCodes: string[];
  category: string;
  categoryPath: string[];
  /** The article version this document was built from (for drift checks). */
  version: number;
  publishedAtTs: number;
  /** What an answer card shows of the article (not searchable; read for a confident top hit only). */
  card: ArticleCardFacts;
}

/**
 * An article's answer-card facts (答案卡片): its summary as written, and the items of its causes and
 * steps sections. Editors maintain them in the body: a heading naming causes (`## 常见原因`, `## 原因`,
 * `## Usual causes`) or steps (`## 处理步骤`, `## 操作步骤`, `## Steps`) followed by a list.
 */
export interface ArticleCardFacts {
  summary: string;
  causes: string[];
  steps: string[];
}

/** Most items a card shows of one section, and the longest item (longer ones are cut with an ellipsis). */
const CARD_ITEMS = 8;
const CARD_ITEM_CHARS = 160;
const CAUSES_HEADING = /原因|cause/i;
const STEPS_HEADING = /步骤|处理方法|操作方法|怎么做|steps|what to do|how to fix/i;

/** Markdown inline syntax dropped (links keep their text), cut to `CARD_ITEM_CHARS`. */
function plainItem(markdown: string): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .trim();
  return text.length > CARD_ITEM_CHARS ? `${text.slice(0, CARD_ITEM_CHARS - 1)}…` : text;
}

/**
 * The list items under the first heading matching `heading`, as plain text; a section written as a
 * paragraph gives its first paragraph as one item.
 */
function sectionItems(lines: string[], heading: RegExp): string[] {
  const start = lines.findIndex((line) => /^#{2,4}\s/.test(line) && heading.test(line));
  if (start < 0) return [];
  const items: string[] = [];
  let paragraph = '';
  let paragraphEnded = false;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,4}\s/.test(line)) break;
    const item = /^ ?(?:[-*+]|\d+[.)])\s+(.+)$/.exec(line)?.[1];
    if (item !== undefined) {
      const text = plainItem(item);
      if (text !== '') items.push(text);
      if (items.length === CARD_ITEMS) break;
    } else if (line.trim() === '') {
      paragraphEnded = paragraph !== '';
    } else if (!paragraphEnded) {
      paragraph += line.trim();
    }
  }
  if (items.length === 0 && paragraph !== '' && !paragraph.startsWith('|')) return [plainItem(paragraph)];
  return items;
}

/** The answer-card facts of a revision (pure; the indexer stores them with the document). */
export function cardFactsOf(content: { summary: string; body: string }): ArticleCardFacts {
  const lines = content.body.split(/\r?\n/);
  return {
    summary: content.summary,
    causes: sectionItems(lines, CAUSES_HEADING),
    steps: sectionItems(lines, STEPS_HEADING),
  };
}

/**
 * Maps an article to its search document, or null when it must not be in the index (drafts that
 * were never published, archived articles). Pure: the indexer is the only writer.
 */
export function toSearchDocument(article: ArticleDoc): ArticleSearchDocument | null {
  const live = article.live;
  if (!live || !isIndexable(article)) return null;
  const suffix = article.locale === 'en' ? 'en' : 'zh';
  return {
    id: article._id.toHexString(),
    slug: article.slug,
    locale: article.locale,
    [`title_${suffix}`]: normaliseText(live.title),
    [`summary_${suffix}`]: normaliseText(live.summary),
    [`body_${suffix}`]: normaliseText(markdownToText(live.body)),
    tags: live.tags.map(normaliseText),
    errorCodes: live.errorCodes,
    category: live.category,
    categoryPath: live.categoryPath,
    ...indexVisibilityFields(live),
    version: article.version,
    publishedAtTs: article.publishedAt ? Math.floor(article.publishedAt.getTime() / 1000) : 0,
    card: cardFactsOf(live),
  };
}

/**
 * Question words and fillers agents type around what they look for (`光猫怎么重启`, `如何重置服务密码`,
 * `what ID to bring to a business hall`). Left as terms, they matched whatever article happened to use
 * them and, with the engine dropping the query's last words when nothing matches all of them, could
 * leave a query matching on `如何` alone. None of them is what an article is about. Sorted and
 * without repeats, as Meilisearch answers them: the indexer then sees its settings hold and sends none.
 */
export const ARTICLE_STOP_WORDS: string[] = [
  ...new Set([
    ...['怎么', '怎么办', '怎样', '怎么样', '如何', '什么', '哪些', '哪个', '哪里', '多久', '多长'],
    ...['吗', '呢', '的', '了', '啊', '吧', '呀', '嘛', '啥', '咋', '咋办', '请问', '一下', '是', '有', '能'],
    // Verbs that only say the agent wants something: `查详单`, `打1001031改密码`.
    ...['查', '打'],
    ...'how what which to a an the of for is are do does can i my'.split(' '),
  ]),
].sort();

/**
 * The articles index settings, applied before any document: ranked searchable attributes
 * (error codes first), the few filterable and sortable attributes queries use, no typos on
 * numbers (2001 must not find 2000), and Chinese and English segmentation per field.
 */
export const ARTICLE_INDEX_SETTINGS: Settings = {
  searchableAttributes: [
    'title_zh',
    'title_en',
    'errorCodes',
    'tags',
    'summary_zh',
    'summary_en',
    'body_zh',
    'body_en',
  ],
  filterableAttributes: [
    // To leave out documents the index has not caught up with (see SearchService).
    'id',
    'audience',
    'locale',
    'categoryPath',
    'tags',
    'errorCodes',
    'validFromTs',
    'validToTs',
  ],
  sortableAttributes: ['publishedAtTs'],
  displayedAttributes: ['*'],
  stopWords: ARTICLE_STOP_WORDS,
  rankingRules: ['words', 'typo', 'attribute', 'proximity', 'exactness', 'sort'],
  typoTolerance: { enabled: true, disableOnNumbers: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
  localizedAttributes: [
    { attributePatterns: ['*_zh'], locales: ['cmn'] },
    { attributePatterns: ['*_en'], locales: ['eng'] },
  ],
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 1000 },
};

/** What the halls index holds for one hall: what name/address search and geo search need. */
export interface HallSearchDocument {
  id: string;
  code: string;
  name: string;
  address: string;
  regionPath: string[];
  tier: string;
  operation: string;
  area: string;
  services: string[];
  status: string;
  _geo: { lat: number; lng: number };
  version: number;
}

/** Maps a hall to its search document (every hall is searchable; filters decide what is shown). */
export function toHallSearchDocument(hall: HallDoc): HallSearchDocument {
  return {
    id: hall._id.toHexString(),
    code: hall.code,
    name: normaliseText(hall.name),
    address: normaliseText(hall.address),
    regionPath: hall.regionPath,
    tier: hall.tier,
    operation: hall.operation,
    area: hall.area,
    services: hall.services,
    status: hall.status,
    _geo: { lat: hall.location.lat, lng: hall.location.lng },
    version: hall.version,
  };
}

/** The halls index: name and address in Chinese, the directory filters, and geo. */
export const HALL_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['name', 'address', 'code'],
  filterableAttributes: ['_geo', 'regionPath', 'tier', 'operation', 'area', 'services', 'status'],
  sortableAttributes: ['_geo'],
  displayedAttributes: ['id', 'code', 'version', '_geo'],
  typoTolerance: { enabled: true, disableOnNumbers: true },
  localizedAttributes: [{ attributePatterns: ['name', 'address'], locales: ['cmn'] }],
  pagination: { maxTotalHits: 2000 },
};

/** A MongoDB collection mirrored into a Meilisearch index by the indexer. */
export interface IndexProjection {
  /** e.g. `articles`: also names the index (after the prefix). */
  name: string;
  collection: string;
  indexUid: string;
  settings: Settings;
  /**
   * The version of how `toDocument` builds a document. Raise it whenever a document's fields or
   * text change for the same record (a new field, another way of rendering text): the indexer then
   * pushes every record again, once, on its next start (see `SearchIndexer.stepOf`), so a deployment
   * needs no manual `search:reindex` after an upgrade.
   */
  documentShape: number;
  /** Whether the managed synonyms apply to this index. */
  synonyms: boolean;
  /**
   * The stored top-level fields `toDocument` reads besides those of `IndexedRecord`: the indexer and
   * the rebuild read only these (an inclusion projection; a test checks the document is the same).
   */
  fields: readonly string[];
  /** The document for a stored record, or null when it must not be in the index. */
  toDocument(record: IndexedRecord): { id: string; version: number } | null;
  /**
   * Whether no version of the record can ever have been in the index (an article never published),
   * so that a record with no document needs no deletion either: every Meilisearch task queues
   * ahead of the next ones, and drafts change often.
   */
  neverIndexed(record: IndexedRecord): boolean;
}

/** What every indexed collection's documents carry. */
export interface IndexedRecord {
  _id: ObjectId;
  version: number;
  updatedAt: Date;
  searchPending: boolean;
}

/** What `toSearchDocument` reads of an article (`current`, the working copy, and the counters are not). */
const ARTICLE_FIELDS = ['slug', 'locale', 'status', 'live', 'publishedAt'] as const;
/** What `toHallSearchDocument` reads of a hall. */
const HALL_FIELDS = [
  'code',
  'name',
  'address',
  'regionPath',
  'tier',
  'operation',
  'area',
  'services',
  'status',
  'location',
] as const;

/** The indexes this service keeps, with the configured prefix. */
export function indexProjections(prefix: string): { articles: IndexProjection; halls: IndexProjection } {
  return {
    articles: {
      name: 'articles',
      collection: 'articles',
      indexUid: `${prefix}articles`,
      settings: ARTICLE_INDEX_SETTINGS,
      // 2: answer-card facts (`card`) added to every article document.
      documentShape: 2,
      synonyms: true,
      fields: ARTICLE_FIELDS,
      toDocument: (record) => toSearchDocument(record as unknown as ArticleDoc),
      // `live` is set by the first publish and never unset: until then no document was ever sent.
      neverIndexed: (record) => (record as unknown as ArticleDoc).live === null,
    },
    halls: {
      name: 'halls',
      collection: 'halls',
      indexUid: `${prefix}halls`,
      settings: HALL_INDEX_SETTINGS,
      documentShape: 1,
      synonyms: false,
      fields: HALL_FIELDS,
      toDocument: (record) => toHallSearchDocument(record as unknown as HallDoc),
      neverIndexed: () => false,
    },
  };
}
