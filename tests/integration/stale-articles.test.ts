import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandStartedEvent } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { StaleArticleLookup } from '../../src/modules/search/stale-articles.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Search's look-up of the articles the index may be stale on is shared by searches: a recent one is
 * reused, an old one awaited, and a change made in this process makes the next search look again.
 * The clock is the lookup's own parameter; MongoDB is real and its commands are counted.
 */

let server: TestServer;
/** A published seed article's slug. */
let slug: string;
let finds = 0;
const countFinds = (event: CommandStartedEvent) => {
  const command = event.command as Record<string, unknown>;
  if (event.commandName === 'find' && JSON.stringify(command['filter']).includes('searchPending')) finds += 1;
};

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  const published = await server.app.db
    .collection<{ slug: string }>('articles')
    .findOne({ live: { $ne: null } });
  slug = published!.slug;
  server.app.mongo.on('commandStarted', countFinds);
}, 120_000);
afterAll(async () => {
  server.app.mongo.off('commandStarted', countFinds);
  await server.stop();
});

function lookupAt(clock: { now: number }) {
  return new StaleArticleLookup(
    server.app.services.articleMatches,
    server.app.services.events,
    501,
    () => clock.now,
  );
}

/** Marks an article as changed and not yet indexed, as another instance's write would (no event here). */
async function markStale(pending: boolean) {
  await server.app.db.collection('articles').updateMany({ slug }, { $set: { searchPending: pending } });
}

describe('the stale-article look-up', () => {
  it('is shared by concurrent searches and reused while recent', async () => {
    const clock = { now: 0 };
    const lookup = lookupAt(clock);
    finds = 0;
    await Promise.all([lookup.current(), lookup.current(), lookup.current()]);
    expect(finds).toBe(1);
    clock.now = 200;
    await lookup.current();
    expect(finds).toBe(1);
  });

  it("sees another instance's change at the next look-up: sent beside a search after a quarter second", async () => {
    const clock = { now: 0 };
    const lookup = lookupAt(clock);
    await markStale(false);
    expect((await lookup.current()).map((doc) => doc.slug)).not.toContain(slug);
    await markStale(true);
    try {
      clock.now = 300;
      finds = 0;
      // This search still gets the earlier answer (the new look-up runs beside it)...
      expect((await lookup.current()).map((doc) => doc.slug)).not.toContain(slug);
      // ...and the next one the new answer, with no further command.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finds).toBe(1);
      expect((await lookup.current()).map((doc) => doc.slug)).toContain(slug);
      expect(finds).toBe(1);
      // A look-up older than a second is never used: the search waits for a new one.
      await markStale(false);
      clock.now = 1_400;
      expect((await lookup.current()).map((doc) => doc.slug)).not.toContain(slug);
      expect(finds).toBe(2);
    } finally {
      await markStale(false);
    }
  });

  it('looks again, before answering, after a change made in this process', async () => {
    const clock = { now: 0 };
    const lookup = lookupAt(clock);
    await lookup.current();
    await markStale(true);
    try {
      finds = 0;
      server.app.services.events.publish('ArticleChanged', { id: 'any', version: 2, action: 'update' });
      expect((await lookup.current()).map((doc) => doc.slug)).toContain(slug);
      expect(finds).toBe(1);
    } finally {
      await markStale(false);
    }
  });
});
