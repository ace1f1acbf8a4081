/**
 * The knowledge module's GraphQL enums, object refs and id decoding, shared by its type, query and
 * mutation files (refs are declared here and implemented there, so the files import no cycle).
 */
import { builder } from '../../schema/builder.js';
import { labelledEnum, LocaleEnum } from '../../schema/labels.js';
import { objectIdOf } from '../../schema/paging.js';
import { ARTICLE_ACTIONS } from './article.model.js';
import type {
  ArticleAction,
  ArticleId,
  ArticleStatus,
  ArticleView,
  Audience,
  CategoryDoc,
  RevisionDoc,
} from './article.model.js';

export { LocaleEnum };

// ---- enums --------------------------------------------------------------------------------------

export const ArticleStatusEnum = labelledEnum('ArticleStatus', {
  description: 'Where the working copy is in the editorial workflow.',
  labels: {
    DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
    IN_REVIEW: { 'zh-CN': '待审核', en: 'In review' },
    PUBLISHED: { 'zh-CN': '已发布', en: 'Published' },
    ARCHIVED: { 'zh-CN': '已归档', en: 'Archived' },
  } satisfies Record<ArticleStatus, unknown>,
  notes: {
    DRAFT: 'Being written; editors may change it',
    IN_REVIEW: 'Submitted; a reviewer publishes it or sends it back',
    PUBLISHED: 'Approved: agents and the public read it',
    ARCHIVED: 'Retired: no longer served',
  },
});
export const AudienceEnum = labelledEnum('Audience', {
  description: 'Who may read an article.',
  labels: {
    PUBLIC: { 'zh-CN': '公开', en: 'Public' },
    INTERNAL: { 'zh-CN': '内部', en: 'Internal' },
  } satisfies Record<Audience, unknown>,
  notes: { PUBLIC: 'Everyone, portals included', INTERNAL: 'Staff (agents and up) only' },
});
export const ArticleActionEnum = labelledEnum('ArticleAction', {
  description: 'The change a revision records.',
  labels: {
    CREATE: { 'zh-CN': '创建', en: 'Created' },
    UPDATE: { 'zh-CN': '修改', en: 'Updated' },
    SUBMIT: { 'zh-CN': '提交审核', en: 'Submitted for review' },
    PUBLISH: { 'zh-CN': '发布', en: 'Published' },
    REJECT: { 'zh-CN': '退回', en: 'Rejected' },
    ARCHIVE: { 'zh-CN': '归档', en: 'Archived' },
    RESTORE: { 'zh-CN': '恢复旧版本', en: 'Restored an old revision' },
  } satisfies Record<Uppercase<ArticleAction>, unknown>,
  internal: Object.fromEntries(ARTICLE_ACTIONS.map((action) => [action.toUpperCase(), action])) as Record<
    Uppercase<ArticleAction>,
    ArticleAction
  >,
});
export const LineChangeKindEnum = builder.enumType('LineChangeKind', {
  description: 'How a run of lines differs between two revisions.',
  values: {
    ADDED: { value: 'ADDED' as const, description: 'Only in the newer revision.' },
    REMOVED: { value: 'REMOVED' as const, description: 'Only in the older revision.' },
    UNCHANGED: { value: 'UNCHANGED' as const, description: 'In both.' },
  },
});

// ---- refs ---------------------------------------------------------------------------------------

export const ArticleRef = builder.objectRef<ArticleView>('Article');
export const RevisionRef = builder.objectRef<RevisionDoc>('ArticleRevision');
export const CategoryRef = builder.objectRef<CategoryDoc>('Category');

// ---- ids ----------------------------------------------------------------------------------------

/**
 * Decodes an Article global id (or a raw ObjectId hex string) to the article's id.
 * @throws AppError BAD_USER_INPUT naming `field` when it is neither.
 */
export function articleIdOf(id: string | number, field: string): ArticleId {
  return objectIdOf(id, 'Article', field).toHexString();
}
