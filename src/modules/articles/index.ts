/**
 * The articles module's public surface (articles, revisions, categories, workflow, visibility):
 * what other modules, the app's wiring and the seeders may use. Everything else in this folder is
 * internal; the lint rule channel-kb/module-boundaries keeps it so.
 */
export { categoryPathOf, contentFromInput } from './article.model.js';
export type {
  ArticleContent,
  ArticleDoc,
  ArticleId,
  ArticleView,
  Audience,
  CategoryDoc,
  Locale,
  RevisionDoc,
} from './article.model.js';
export { ArticleRepository, articleIndexes } from './article.repository.js';
export { createArticleSchema, normaliseErrorCode } from './article.validation.js';
export { indexVisibilityFields, isIndexable } from './article.visibility.js';
export type { IndexVisibilityFields } from './article.visibility.js';
export { ArticleReader, INDEX_ENTRY_ARTICLE_FIELDS } from './article.reader.js';
export type { IndexedArticleEntry } from './article.reader.js';
export { ArticleMatchRepository } from './article-match.repository.js';
export type { ArticleMatchCriteria } from './article-match.repository.js';
export { ArticleEditor } from './article.editor.js';
export { ArticleHistoryService } from './article.history.js';
export { ReviewQueueRepository, reviewQueueIndexes } from './review-queue.repository.js';
export { ReviewQueueService } from './review-queue.service.js';
export { FourEyesRule } from './four-eyes.js';
export type { ArticleCounters } from './article.model.js';
export { articlesPolicy } from './article.policy.js';
export { markdownToText } from './markdown.js';
export { seesWorkingCopies } from './article.visibility.js';
