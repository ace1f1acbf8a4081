/** The GraphQL surface of the article category tree: the Category type and the `categories` query. */
import type { Context } from '../../context.js';
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import type { CategoryDoc } from './article.model.js';
import { CategoryRef } from './article.refs.graphql.js';

CategoryRef.implement({
  description: 'A node of the article category tree, e.g. 宽带故障 > 拨号错误.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The path key, e.g. broadband/dial-up-errors.' }),
    name: t.string({
      description: 'The display name in the locale asked for.',
      args: { locale: t.arg(localeArg()) },
      resolve: (category, args) => category.name[args.locale ?? 'zh-CN'],
    }),
    parentKey: t.exposeString('parentKey', {
      nullable: true,
      description: 'The key of the parent category; null at the root.',
    }),
    depth: t.int({
      description: '0 at the root.',
      resolve: (category) => category.key.split('/').length - 1,
    }),
    order: t.exposeInt('order', { description: 'Position among its siblings (ascending).' }),
  }),
});

/** The category with this key, from the per-request list; null when there is none. */
export async function categoryByKey(context: Context, key: string): Promise<CategoryDoc | null> {
  const all = await categoriesOf(context);
  return all.find((category) => category.key === key) ?? null;
}

/** The category list, read once per request. */
const categoryCache = new WeakMap<Context, Promise<CategoryDoc[]>>();
export function categoriesOf(context: Context): Promise<CategoryDoc[]> {
  let cached = categoryCache.get(context);
  if (!cached) {
    cached = context.services.articleReader.categories();
    categoryCache.set(context, cached);
  }
  return cached;
}

builder.queryFields((t) => ({
  categories: t.field({
    type: [CategoryRef],
    description: 'The whole category tree, flat, parents before children.',
    resolve: (_root, _args, context) => categoriesOf(context),
  }),
}));
