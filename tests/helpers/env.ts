/** Names of the variables the global setup hands to every test worker. */
export const TEST_ENV = {
  mongoUri: 'CKB_TEST_MONGO_URI',
  mongoKind: 'CKB_TEST_MONGO_KIND',
  meiliUrl: 'CKB_TEST_MEILI_URL',
  meiliKey: 'CKB_TEST_MEILI_KEY',
} as const;

export interface TestEndpoints {
  mongoUri: string;
  mongoKind: 'configured' | 'mongod' | 'emulator';
  meiliUrl: string;
  meiliApiKey: string | undefined;
}

/** The servers the global setup provided. @throws when run without the global setup. */
export function testEndpoints(): TestEndpoints {
  const mongoUri = process.env[TEST_ENV.mongoUri];
  const meiliUrl = process.env[TEST_ENV.meiliUrl];
  if (!mongoUri || !meiliUrl)
    throw new Error('Run the tests with `npm test`: the global setup provides the servers.');
  const kind = process.env[TEST_ENV.mongoKind];
  return {
    mongoUri,
    mongoKind: kind === 'mongod' || kind === 'emulator' ? kind : 'configured',
    meiliUrl,
    meiliApiKey: process.env[TEST_ENV.meiliKey] || undefined,
  };
}

/** True when the MongoDB-protocol server is the emulator (no unique indexes, no transactions...). */
export function onEmulator(): boolean {
  return testEndpoints().mongoKind === 'emulator';
}
