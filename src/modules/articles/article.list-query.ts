import type { Filter } from 'mongodb';
import type { ArticleDoc, ArticleStatus, Audience, Locale } from './article.model.js';

/**
 * A list of articles as the service decided it (who may see what, which copy they read); the
 * repository turns it into one MongoDB filter with `articleListFilter`.
 */
export interface ArticleListQuery {
  /** The articles the reader may see at all: the visibility policy's filter (article.visibility.ts). */
  visible: Filter<ArticleDoc>;
  /** The copy the reader reads: `live` (readers) or `current` (editors); content filters apply to it. */
  copy: 'live' | 'current';
  /** True when the reader asked for something they may never see: the list is empty. */
  nothing?: boolean;
  /** A category key: the category and everything under it. */
  category?: string | null;
  tag?: string | null;
  /** A normalised error code. */
  errorCode?: string | null;
  audience?: Audience | null;
  locale?: Locale | null;
  /** Editors only: the workflow status of the working copy. */
  status?: ArticleStatus | null;
  /** Editors only: the working copy outside or inside its validity window at `at`. */
  window?: 'outside' | 'inside' | null;
  /** Editors only: articles this subject owns (the editor's "my work"). */
  owner?: string | null;
  /** Editors only: true: sent back by a reviewer and not submitted again; false: not. */
  rejected?: boolean | null;
  /** Editors only: true: with unresolved flags; false: none. */
  openFlags?: boolean | null;
  /** Editors only: the working copy's validity ends before this instant. */
  expiresBefore?: Date | null;
  at: Date;
}

/** The MongoDB filter of an article list (the repository's, used for its page and its count). */
export function articleListFilter(query: ArticleListQuery): Filter<ArticleDoc> {
  if (query.nothing) return { _id: { $exists: false } };
  const field = query.copy;
  const at = query.at;
  const clauses: Filter<ArticleDoc>[] = [query.visible];
  if (query.category) clauses.push({ [`${field}.categoryPath`]: query.category });
  if (query.tag) clauses.push({ [`${field}.tags`]: query.tag });
  if (query.errorCode) clauses.push({ [`${field}.errorCodes`]: query.errorCode });
  if (query.audience) clauses.push({ [`${field}.audience`]: query.audience });
  if (query.locale) clauses.push({ locale: query.locale });
  if (query.status) clauses.push({ status: query.status });
  if (query.owner) clauses.push({ owner: query.owner });
  // A range on `rejection.at` (a date only while rejected), so the index's bounds serve it.
  if (query.rejected === true) clauses.push({ 'rejection.at': { $type: 'date' } });
  if (query.rejected === false) clauses.push({ 'rejection.at': null });
  if (query.openFlags === true) clauses.push({ 'counters.openFlags': { $gt: 0 } });
  if (query.openFlags === false) clauses.push({ 'counters.openFlags': { $lte: 0 } });
  if (query.expiresBefore) clauses.push({ 'current.validTo': { $ne: null, $lt: query.expiresBefore } });
  if (query.window === 'outside') {
    clauses.push({
      $or: [{ 'current.validTo': { $lte: at } }, { 'current.validFrom': { $gt: at } }],
    });
  } else if (query.window === 'inside') {
    clauses.push(
      { $or: [{ 'current.validFrom': null }, { 'current.validFrom': { $lte: at } }] },
      { $or: [{ 'current.validTo': null }, { 'current.validTo': { $gt: at } }] },
    );
  }
  return { $and: clauses };
}
