import type { WithId } from 'mongodb';
import type { ArticleDoc } from '../articles/index.js';
import type { ArticleRepository } from '../articles/index.js';
import type { HallTier } from './hall.model.js';

/** The knowledge-base category whose articles relate to every hall. */
export const HALL_ARTICLE_CATEGORY = 'halls';

/** Tags that relate an article to halls of one tier. */
export const TIER_TAGS: Readonly<Record<HallTier, readonly string[]>> = {
  FLAGSHIP: ['旗舰营业厅', 'flagship'],
  STANDARD: ['标准营业厅', 'standard'],
  SMALL: ['小型营业厅', '乡镇营业厅', 'small', 'township'],
};

const MAX_RELATED = 200;

/**
 * Published articles about halls (category `halls` and below, or tagged with one of the tiers'
 * tags), newest first, in one query for a DataLoader batch; each caller's own rule is applied by
 * the reader (ArticleReader.view), as for every loaded article.
 */
export function findPublishedHallArticles(
  repo: ArticleRepository,
  tiers: readonly HallTier[],
): Promise<WithId<ArticleDoc>[]> {
  const tags = tiers.flatMap((tier) => TIER_TAGS[tier]);
  return repo.findPublishedInCategoryOrTagged(HALL_ARTICLE_CATEGORY, tags, MAX_RELATED);
}

/** Whether a published article relates to halls of `tier`. */
export function relatesToTier(article: ArticleDoc, tier: HallTier): boolean {
  const live = article.live;
  if (!live) return false;
  return (
    live.categoryPath.includes(HALL_ARTICLE_CATEGORY) ||
    live.tags.some((tag) => TIER_TAGS[tier].includes(tag))
  );
}
