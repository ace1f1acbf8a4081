/** The history page's revisions, loaded 100 at a time: the newest page and the older pages after it. */

/** One page of revisions as the API gives it. */
export interface RevisionPage<T extends { version: number }> {
  nodes: readonly T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * The revisions of the newest page followed by the older pages, newest first and each version once
 * (after a restore the newest page gains versions the older pages do not repeat).
 */
export function mergeRevisions<T extends { version: number }>(
  newest: readonly T[],
  older: readonly T[],
): T[] {
  const byVersion = new Map<number, T>();
  for (const revision of [...newest, ...older])
    if (!byVersion.has(revision.version)) byVersion.set(revision.version, revision);
  return [...byVersion.values()].sort((a, b) => b.version - a.version);
}

/** The cursor to load the next older page after, or null when every revision is loaded. */
export function olderCursor<T extends { version: number }>(
  newest: RevisionPage<T> | undefined,
  lastOlder: RevisionPage<T> | undefined,
): string | null {
  const page = lastOlder ?? newest;
  return page?.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
}
