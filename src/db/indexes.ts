import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb';
import type { Logger } from '../logger.js';

/** One index of a collection, declared beside the repository that needs it. */
export interface IndexDeclaration {
  /** A stable name, so that a changed definition is noticed instead of silently duplicated. */
  name: string;
  key: IndexSpecification;
  options?: Omit<CreateIndexesOptions, 'name'>;
}

/** A collection and the indexes its queries rely on. */
export interface CollectionIndexes {
  collection: string;
  indexes: IndexDeclaration[];
}

/**
 * Creates every declared index (idempotent: existing ones with the same definition are kept).
 * @throws the driver's error when an index with the same name but another definition exists.
 */
export async function ensureIndexes(
  db: Db,
  declarations: readonly CollectionIndexes[],
  logger?: Logger,
): Promise<void> {
  for (const { collection, indexes } of declarations) {
    if (indexes.length === 0) continue;
    await db
      .collection(collection)
      .createIndexes(
        indexes.map(({ name, key, options }) => ({ ...options, name, key: key as Record<string, 1 | -1> })),
      );
    logger?.debug({ collection, indexes: indexes.map((index) => index.name) }, 'indexes ensured');
  }
}
