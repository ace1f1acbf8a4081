import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Meilisearch } from 'meilisearch';
import type { ObjectId } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { LeaseKeeper, LeaseLostError } from '../../src/db/lease-keeper.js';
import type { Fence } from '../../src/db/lease-keeper.js';
import { leaseIdOf, LeaseStore, LEASES_COLLECTION } from '../../src/db/lease.js';
import type { LeaseDoc } from '../../src/db/lease.js';
import { SearchIndexer } from '../../src/modules/indexing/indexer.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Leases in MongoDB (src/db/lease.ts, lease-keeper.ts): one holder at a time however many ask at
 * once, takeover after expiry, hand-over on stop, and the fence that keeps an indexer that lost its
 * lease from leaving an older version in the index. Real MongoDB-protocol server and Meilisearch.
 */

let server: TestServer;
const store = (leaseMs = 5_000) => new LeaseStore(server.app.db, { leaseMs, now: () => new Date() });
const leases = () => server.app.db.collection<LeaseDoc>(LEASES_COLLECTION);

/** Makes the lease look run out (its holder stopped renewing long ago). */
async function expire(name: string): Promise<void> {
  await leases().updateOne({ _id: leaseIdOf(name) }, { $set: { expiresAt: new Date(Date.now() - 1) } });
}

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server.stop();
});

describe('a lease', () => {
  it('goes to exactly one of 20 instances asking at once, when new and when expired', async () => {
    const ask = () =>
      Promise.all(Array.from({ length: 20 }, (_, at) => store().tryAcquire('race', `instance-${at}`)));
    const first = (await ask()).filter((grant) => grant !== null);
    expect(first).toHaveLength(1);
    expect(first[0]?.token).toBe(1);
    // Held: nobody else gets it.
    expect((await ask()).filter((grant) => grant !== null)).toHaveLength(0);

    await expire('race');
    const second = (await ask()).filter((grant) => grant !== null);
    expect(second).toHaveLength(1);
    expect(second[0]?.token).toBe(2);
    expect(await leases().findOne({ _id: leaseIdOf('race') })).toMatchObject({
      holder: second[0]?.holder,
      token: 2,
    });
  });

  it('cannot be renewed or checked by a holder that was taken over; a release hands it over at once', async () => {
    const old = await store().tryAcquire('takeover', 'old');
    if (!old) throw new Error('the lease was free');
    expect(await store().renew(old)).toBeInstanceOf(Date);
    await expire('takeover');
    const next = await store().tryAcquire('takeover', 'new');
    expect(next?.token).toBe(old.token + 1);
    expect(await store().renew(old)).toBeNull();
    expect(await store().heldUntil(old)).toBeNull();
    if (!next) throw new Error('taken over');
    await store().release(next);
    expect((await store().tryAcquire('takeover', 'third'))?.token).toBe(old.token + 2);
  });
});

describe('a lease keeper', () => {
  it('runs the work on one keeper; the standby takes over when the holder stops, and after a holder dies', async () => {
    const running = new Map<string, number>();
    const keeper = (id: string) =>
      new LeaseKeeper({
        name: 'keepers',
        instanceId: id,
        store: store(900),
        timing: { leaseMs: 900, renewMs: 150 },
        logger: server.app.logger,
        onAcquired: (fence) => void running.set(id, fence.token),
        onLost: () => Promise.resolve(void running.delete(id)),
      });
    const holders = () => Promise.resolve([...running.keys()]);
    const a = keeper('a');
    const b = keeper('b');
    a.start();
    await eventually(async () => expect(await holders()).toEqual(['a']), 10_000, 50);
    b.start();
    // b stands by while a renews, longer than a lease.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect([...running.keys()]).toEqual(['a']);
    expect(b.status().role).toBe('standby');

    await a.stop();
    expect(running.has('a')).toBe(false);
    await eventually(async () => expect(await holders()).toEqual(['b']), 10_000, 50);
    expect(running.get('b')).toBeGreaterThan(1);

    // A holder that died: its lease (here set to a holder that no longer runs) runs out, and one of
    // the keepers takes over, with the next token.
    const c = keeper('c');
    c.start();
    const token = running.get('b') ?? 0;
    await leases().updateOne({ _id: leaseIdOf('keepers') }, { $set: { holder: 'dead#0' } });
    await eventually(
      async () => {
        expect(await holders()).toHaveLength(1);
        expect([...running.values()][0]).toBe(token + 1);
      },
      10_000,
      50,
    );
    await Promise.all([b.stop(), c.stop()]);
  }, 30_000);
});

/** The app's real client, with `beforeAdd` run before every `addDocuments`. */
function hookedMeili(real: Meilisearch, beforeAdd: () => Promise<void>): Meilisearch {
  const bound = (target: object, property: string | symbol): unknown => {
    const value: unknown = Reflect.get(target, property);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  return new Proxy(real, {
    get(target, property) {
      if (property !== 'index') return bound(target, property);
      return (uid: string) =>
        new Proxy(target.index(uid), {
          get(index, indexProperty) {
            if (indexProperty !== 'addDocuments') return bound(index, indexProperty);
            return async (...args: Parameters<typeof index.addDocuments>) => {
              await beforeAdd();
              return index.addDocuments(...args);
            };
          },
        });
    },
  });
}

describe('the search indexer under a lease', () => {
  it('marks its push pending again when it lost the lease during it, so the holder’s newer version wins', async () => {
    const { app } = server;
    await seedDatabase(app, { onlyEmpty: false });
    const halls = app.db.collection<{ _id: ObjectId; name: string; version: number; searchPending: boolean }>(
      'halls',
    );
    await app.db.collection('articles').updateMany({}, { $set: { searchPending: false } });
    await halls.updateMany({}, { $set: { searchPending: false } });
    const hall = await halls.findOne({});
    if (!hall) throw new Error('a seeded hall expected');
    const change = async (name: string) =>
      (
        await halls.findOneAndUpdate(
          { _id: hall._id },
          { $set: { name, searchPending: true, updatedAt: new Date() }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        )
      )?.version ?? 0;
    const indexerOf = (meili: () => Meilisearch) =>
      new SearchIndexer({
        db: app.db,
        meili,
        logger: app.logger,
        projections: [app.services.projections.halls],
        state: app.services.indexState,
        synonyms: app.services.synonymRepo,
      });
    const fenceOf = (holder: string, leaseStore: LeaseStore): Promise<Fence> =>
      leaseStore.tryAcquire('indexer-fence', holder).then((grant) => {
        if (!grant) throw new Error(`${holder} could not take the lease`);
        return {
          token: grant.token,
          check: async () => {
            if (!(await leaseStore.heldUntil(grant))) throw new LeaseLostError(grant.name);
          },
        };
      });

    const older = await change('围栏测试 旧版');
    let newer = 0;
    // The old holder read `older` and checked its lease; then it is paused while the lease runs
    // out, another instance takes over and pushes a newer version; then the old one's push goes out.
    const oldHolder = indexerOf(() =>
      hookedMeili(app.meili, async () => {
        if (newer !== 0) return;
        newer = await change('围栏测试 新版');
        await expire('indexer-fence');
        const newHolder = indexerOf(() => app.meili);
        newHolder.start(await fenceOf('new', store()));
        await eventually(
          async () => expect(await halls.findOne({ _id: hall._id })).toMatchObject({ searchPending: false }),
          60_000,
        );
        await newHolder.stop();
      }),
    );
    oldHolder.start(await fenceOf('old', store()));
    // The old holder's push landed after the newer one, but it noticed its lease was gone.
    await eventually(async () => {
      expect(newer).toBeGreaterThan(older);
      expect(await halls.findOne({ _id: hall._id })).toMatchObject({
        version: newer,
        searchPending: true,
        searchRequeues: 1,
      });
    }, 60_000);
    await oldHolder.stop();
    // Meilisearch applies the old push after the newer one: without the requeue, the index would stay so.
    await eventually(async () => {
      const stale = await app.meili
        .index(app.services.projections.halls.indexUid)
        .getDocument<{ version: number }>(hall._id.toHexString());
      expect(stale.version).toBe(older);
    }, 60_000);

    await expire('indexer-fence');
    const holder = indexerOf(() => app.meili);
    holder.start(await fenceOf('holder', store()));
    await eventually(async () => {
      const document = await app.meili
        .index(app.services.projections.halls.indexUid)
        .getDocument<{ version: number; name: string }>(hall._id.toHexString());
      expect(document).toMatchObject({ version: newer, name: '围栏测试 新版' });
      expect(await halls.findOne({ _id: hall._id })).toMatchObject({ searchPending: false });
    }, 60_000);
    await holder.stop();
  }, 120_000);
});
