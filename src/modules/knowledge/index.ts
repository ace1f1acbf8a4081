/**
 * The knowledge module's public surface (articles, revisions, categories, workflow, feedback):
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
export { ArticleRepository, knowledgeIndexes } from './article.repository.js';
export { createArticleSchema, normaliseErrorCode } from './article.validation.js';
export { indexVisibilityFields, isIndexable } from './article.visibility.js';
export type { IndexVisibilityFields } from './article.visibility.js';
export { FeedbackRepository, feedbackIndexes } from './feedback.repository.js';
export { FeedbackService } from './feedback.service.js';
export { KnowledgeService } from './knowledge.service.js';
export { ArticleEditor } from './article.editor.js';
export { ArticleHistoryService } from './article.history.js';
