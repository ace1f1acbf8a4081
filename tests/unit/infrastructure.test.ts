import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  BUNDLED_DEV_LAUNCHER_URL,
  DEV_LAUNCHER_URL,
  provideInfrastructure,
} from '../../src/infrastructure.js';
import { createLogger } from '../../src/logger.js';

// A launcher location that does not exist: what a build or image without dev/ sees.
const ABSENT_LAUNCHER = new URL('file:///nonexistent/dev/embedded/launcher.ts');
const base = { dataDir: '/nonexistent/.data', ephemeral: true, logger: createLogger('silent') };

describe('the infrastructure seam', () => {
  it('points at the development launcher beside src/', () => {
    expect(DEV_LAUNCHER_URL.pathname).toMatch(/\/dev\/embedded\/launcher\.ts$/);
    expect(BUNDLED_DEV_LAUNCHER_URL.pathname).toMatch(/\/dev\/embedded\/launcher\.mjs$/);
  });

  it('uses the bundled launcher (npm start) when the source one is absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'channel-kb-launcher-'));
    try {
      const bundled = join(dir, 'launcher.mjs');
      await writeFile(
        bundled,
        "export async function provideInfrastructure(options) { return { mongoUri: 'mongodb://bundled/', from: options.dataDir }; }\n",
      );
      const infra = await provideInfrastructure({ ...base }, [ABSENT_LAUNCHER, pathToFileURL(bundled)]);
      expect(infra).toMatchObject({ mongoUri: 'mongodb://bundled/', from: base.dataDir });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses configured MongoDB and Meilisearch without needing dev/', async () => {
    const infra = await provideInfrastructure(
      { ...base, mongoUri: ' mongodb://db:27017/kb ', meiliUrl: 'http://search:7700', meiliApiKey: 'key' },
      ABSENT_LAUNCHER,
    );
    expect(infra).toMatchObject({
      mongoUri: 'mongodb://db:27017/kb',
      mongoKind: 'configured',
      meiliUrl: 'http://search:7700',
      meiliApiKey: 'key',
      embedded: { mongo: false, meili: false },
    });
    await expect(infra.stop()).resolves.toBeUndefined();
  });

  it('names what to set when a service is missing and dev/ is absent', async () => {
    await expect(
      provideInfrastructure({ ...base, mongoUri: '', meiliUrl: 'http://search:7700' }, ABSENT_LAUNCHER),
    ).rejects.toThrow(/^MONGODB_URI is not set, and this installation has no development launcher/);
    await expect(provideInfrastructure({ ...base }, ABSENT_LAUNCHER)).rejects.toThrow(
      /^MONGODB_URI and MEILI_URL are not set.*set MONGODB_URI and MEILI_URL/,
    );
  });
});
