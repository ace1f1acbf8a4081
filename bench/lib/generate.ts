/**
 * Data generators: grow a service's database to N articles and M halls by cloning the seeded
 * documents in their exact stored shape (read back from the database, so a change of the model is
 * followed), each clone with a new _id and natural key, its own title or name and extra words, a
 * jittered location, and spread update times. Clones are written with `searchPending: false` and
 * `searchSyncedVersion: null` (stored, not yet indexed): the service's indexer leaves them alone,
 * and `search:reindex` (row 4) is what puts them into the index. Article revisions are not written
 * (nothing the bench reads asks for `history`).
 */
import { MongoClient, ObjectId } from 'mongodb';
import type { Document } from 'mongodb';

const BATCH = 1_000;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Words of the seed articles (Chinese runs and ASCII words), to vary the clones' text. */
function vocabulary(articles: Document[]): string[] {
  const words = new Set<string>();
  for (const article of articles) {
    const content = article['current'] as { body?: string; title?: string } | undefined;
    for (const word of `${content?.title ?? ''} ${content?.body ?? ''}`.match(
      /[\p{Script=Han}]{2,4}|[A-Za-z]{3,}/gu,
    ) ?? [])
      words.add(word);
  }
  return [...words];
}

function vary(content: Document | null, suffix: string, extra: string): Document | null {
  if (!content) return null;
  return {
    ...content,
    title: `${String(content['title'])} ${suffix}`,
    body: `${String(content['body'])}\n\n${extra}`,
  };
}

async function withDb<T>(
  uri: string,
  dbName: string,
  work: (db: ReturnType<MongoClient['db']>) => Promise<T>,
): Promise<T> {
  const client = new MongoClient(uri, { socketTimeoutMS: 600_000, serverSelectionTimeoutMS: 10_000 });
  try {
    return await work(client.db(dbName));
  } finally {
    await client.close();
  }
}

async function insertAll(
  collection: { insertMany(docs: Document[], options: { ordered: boolean }): Promise<unknown> },
  make: (index: number) => Document,
  count: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => make(start + offset));
    await collection.insertMany(batch, { ordered: false });
    onProgress?.(start + batch.length);
  }
}

/** Adds articles until the database holds `target`; returns how many it has now. */
export async function growArticles(
  uri: string,
  dbName: string,
  target: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  return withDb(uri, dbName, async (db) => {
    const articles = db.collection('articles');
    const seeds = await articles.find({}).toArray();
    const have = await articles.countDocuments();
    const missing = target - have;
    if (missing <= 0 || seeds.length === 0) return have;
    const words = vocabulary(seeds);
    const random = prng(have);
    const now = Date.now();
    await insertAll(
      articles,
      (index) => {
        const seed = seeds[index % seeds.length] as Document;
        const serial = `b${have + index}`;
        const extra = Array.from({ length: 30 }, () => words[Math.floor(random() * words.length)]).join(' ');
        const updatedAt = new Date(now - Math.floor(random() * 365 * 86_400_000));
        return {
          ...seed,
          _id: new ObjectId(),
          slug: `${String(seed['slug'])}-${serial}`,
          current: vary(seed['current'] as Document, serial, extra),
          live: vary(seed['live'] as Document | null, serial, extra),
          counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
          createdAt: updatedAt,
          updatedAt,
          revisionPending: false,
          searchPending: false,
          searchSyncedVersion: null,
        };
      },
      missing,
      onProgress,
    );
    return articles.countDocuments();
  });
}

/** Adds halls until the database holds `target`; returns how many it has now. */
export async function growHalls(
  uri: string,
  dbName: string,
  target: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  return withDb(uri, dbName, async (db) => {
    const halls = db.collection('halls');
    const seeds = await halls.find({}).toArray();
    const have = await halls.countDocuments();
    const missing = target - have;
    if (missing <= 0 || seeds.length === 0) return have;
    const random = prng(have + 7);
    const now = new Date();
    await insertAll(
      halls,
      (index) => {
        const seed = seeds[index % seeds.length] as Document;
        const location = seed['location'] as { lat: number; lng: number };
        return {
          ...seed,
          _id: new ObjectId(),
          code: `BENCH${have + index}-${String(seed['code'])}`.slice(0, 32),
          name: `${String(seed['name'])}${have + index}号`,
          location: {
            lat: location.lat + (random() - 0.5) * 0.1,
            lng: location.lng + (random() - 0.5) * 0.1,
          },
          version: 1,
          createdAt: now,
          updatedAt: now,
          updatedBy: 'bench',
          searchPending: false,
          searchSyncedVersion: null,
        };
      },
      missing,
      onProgress,
    );
    return halls.countDocuments();
  });
}
