import type { ObjectId } from 'mongodb';

/** An article's id as services and GraphQL pass it: the 24-hex form of its ObjectId (repositories convert). */
export type ArticleId = string;

/** Whether `raw` has the form of an article id (24 hex digits). */
export function isArticleId(raw: string): raw is ArticleId {
  return /^[0-9a-f]{24}$/i.test(raw);
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const AUDIENCES = ['PUBLIC', 'INTERNAL'] as const;
/** PUBLIC articles are for everyone; INTERNAL ones for staff (agents and up) only. */
export type Audience = (typeof AUDIENCES)[number];

export const ARTICLE_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED'] as const;
/** The workflow state of the article's working copy. */
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Everything an editor writes; a revision snapshots one of these. */
export interface ArticleContent {
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  /** A category key such as `broadband/dial-up-errors`. */
  category: string;
  /** The category and its ancestors, root first: what a subtree filter matches. */
  categoryPath: string[];
  tags: string[];
  /** Normalised error codes (`691`, `0x800CCC0E`). */
  errorCodes: string[];
  audience: Audience;
  validFrom: Date | null;
  validTo: Date | null;
  related: ObjectId[];
}

export interface ArticleCounters {
  views: number;
  helpful: number;
  notHelpful: number;
  uses: number;
  openFlags: number;
}

/** What the last saved change was; the revision for `version` is written from it and `current`. */
export interface ArticleChange {
  version: number;
  action: ArticleAction;
  author: string;
  at: Date;
  note: string | null;
}

export const ARTICLE_ACTIONS = [
  'create',
  'update',
  'submit',
  'publish',
  'reject',
  'archive',
  'restore',
] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

/** One document per (slug, locale). Translations share the slug. */
export interface ArticleDoc {
  _id: ObjectId;
  slug: string;
  locale: Locale;
  status: ArticleStatus;
  /** Grows by one with every saved change, including workflow transitions. */
  version: number;
  /** The working copy: what editors see and change. */
  current: ArticleContent;
  /** The approved revision agents and the public get; null until first published. */
  live: ArticleContent | null;
  liveVersion: number | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  owner: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  submittedAt: Date | null;
  submittedBy: string | null;
  rejection: { by: string; at: Date; reason: string } | null;
  counters: ArticleCounters;
  lastChange: ArticleChange;
  /** True from the write that changed the article until its revision is stored. */
  revisionPending: boolean;
  /** True from the write that changed the article until the search index has that version. */
  searchPending: boolean;
  /** The version the search index last confirmed (null: never indexed). */
  searchSyncedVersion: number | null;
}

/** An immutable snapshot of an article after one saved change. */
export interface RevisionDoc {
  _id: ObjectId;
  articleId: ObjectId;
  version: number;
  action: ArticleAction;
  author: string;
  at: Date;
  note: string | null;
  status: ArticleStatus;
  slug: string;
  locale: Locale;
  content: ArticleContent;
}

export interface CategoryDoc {
  _id: ObjectId;
  /** `broadband/dial-up-errors`: the path of segment keys. */
  key: string;
  parentKey: string | null;
  name: { 'zh-CN': string; en: string };
  order: number;
}

/** The keys of a category and all its ancestors, root first: `a/b/c` -> `a`, `a/b`, `a/b/c`. */
export function categoryPathOf(key: string): string[] {
  const segments = key.split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** Whether `at` lies inside the article's validity window (validTo is exclusive). */
export function isInWindow(content: Pick<ArticleContent, 'validFrom' | 'validTo'>, at: Date): boolean {
  if (content.validFrom && content.validFrom > at) return false;
  if (content.validTo && content.validTo <= at) return false;
  return true;
}

/** The content fields of a validated create input (see article.validation.ts), with resolved related ids. */
export function contentFromInput(
  input: Omit<ArticleContent, 'categoryPath' | 'related'>,
  related: ObjectId[],
): ArticleContent {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    category: input.category,
    categoryPath: categoryPathOf(input.category),
    tags: input.tags,
    errorCodes: input.errorCodes,
    audience: input.audience,
    validFrom: input.validFrom,
    validTo: input.validTo,
    related,
  };
}

/** An article as one caller sees it: the document and the copy of its content they may read. */
export interface ArticleView {
  doc: ArticleDoc;
  content: ArticleContent;
}
