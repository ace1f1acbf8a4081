import { MongoClient } from 'mongodb';
import type { Db, MongoClientOptions } from 'mongodb';

/** Connects to MongoDB and checks the connection with a ping. @throws the driver's error if unreachable. */
export async function connectMongo(
  uri: string,
  dbName: string,
  options: MongoClientOptions = {},
): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 10_000,
    appName: 'channel-kb',
    ...options,
  });
  await client.connect();
  const db = client.db(dbName);
  await db.command({ ping: 1 });
  return { client, db };
}
