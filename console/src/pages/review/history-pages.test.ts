import { describe, expect, it } from 'vitest';
import { mergeRevisions, olderCursor } from './history-pages';

const revisions = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, i) => ({ version: from - i }));

describe('history pages', () => {
  it('puts the older pages after the newest, each version once, newest first', () => {
    const newest = revisions(106, 7); // after a restore: 106 is new, 6 fell to the older page
    const older = revisions(6, 1);
    const merged = mergeRevisions(newest, [...older, { version: 7 }]);
    expect(merged.map((revision) => revision.version)).toEqual(revisions(106, 1).map((r) => r.version));
  });

  it("loads older pages after the last page's cursor until there are no more", () => {
    const first = { nodes: revisions(105, 6), pageInfo: { hasNextPage: true, endCursor: 'c6' } };
    const second = { nodes: revisions(5, 1), pageInfo: { hasNextPage: false, endCursor: 'c1' } };
    expect(olderCursor(first, undefined)).toBe('c6');
    expect(olderCursor(first, second)).toBeNull();
    expect(olderCursor(undefined, undefined)).toBeNull();
  });
});
