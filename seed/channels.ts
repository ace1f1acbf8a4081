import type { AppDeps } from '../src/context.js';
import type { ChannelDoc } from '../src/modules/channels/index.js';
import { buildHallDoc } from '../src/modules/halls/index.js';
import { channelContentOf } from '../src/modules/channels/index.js';
import { newRecordId } from '../src/db/guards.js';
import type { HallDoc } from '../src/modules/halls/index.js';
import { channelInputSchema } from '../src/modules/channels/index.js';
import { hallInputSchema } from '../src/modules/halls/index.js';
import type { RegionDoc } from '../src/modules/regions/index.js';
import { seedChannels } from './data/channels.js';
import { seedHalls } from './data/halls.js';
import { seedRegionPath, seedRegions } from './data/regions.js';
import type { Seeder } from './index.js';

const SEED_AUTHOR = 'seed';
/** Seeding waits longer than a request for keys another writer holds (e.g. another instance seeding). */
const SEED_WAIT_MS = 60_000;

/** Inserts the region tree by code in one batch; existing regions are left as they are. */
export const regionSeeder: Seeder = {
  name: 'regions',
  collection: 'regions',
  async run(app: AppDeps) {
    const docs: RegionDoc[] = seedRegions.map((region) => ({
      _id: newRecordId(),
      code: region.code,
      name: region.name,
      nameEn: region.nameEn,
      level: region.level,
      parentCode: region.parentCode,
      path: seedRegionPath(region.code),
      population: region.population,
    }));
    return { written: await app.services.regions.insertMissing(docs) };
  },
};

/**
 * Loads the seed halls, validated by the same schema as `createHall`. Idempotent by code: a hall
 * is inserted only when its code is new, so admins' later changes are kept. New halls go in with
 * one insert (no upsert per hall: on the emulator each upsert scans the collection).
 * @throws Error naming the hall when seed data breaks a rule (a bug in the seed).
 */
export const hallSeeder: Seeder = {
  name: 'halls',
  collection: 'halls',
  needs: ['regions'],
  async run(app: AppDeps, regionsSeeded: Promise<void> = Promise.resolve()) {
    const inputs = seedHalls.map((hall) => {
      const result = hallInputSchema.safeParse(hall);
      if (!result.success) throw new Error(`seed hall ${hall.code} is invalid: ${result.error.message}`);
      return result.data;
    });
    await regionsSeeded;
    const seededAt = new Date();
    const regions = await app.services.regions.findByCodes([
      ...new Set(inputs.map((hall) => hall.regionCode)),
    ]);
    const byCode = new Map(regions.map((region) => [region.code, region]));
    const docs: HallDoc[] = inputs.map((hall) => {
      const region = byCode.get(hall.regionCode);
      if (!region)
        throw new Error(`seed hall ${hall.code}: no region ${hall.regionCode} (seed regions first)`);
      return buildHallDoc(hall, region, newRecordId(), 1, seededAt, seededAt, SEED_AUTHOR);
    });
    // The codes are held like any other hall write, so two instances seeding at once (or an admin
    // creating a hall meanwhile) cannot insert a code twice where unique indexes are not enforced;
    // while they are held, checking which codes exist and inserting the others is safe.
    const halls = app.services.halls;
    const written = await halls.withCodesHeld(
      docs.map((doc) => doc.code),
      async () => {
        const existing = new Set(
          (await halls.findByCodes(docs.map((doc) => doc.code))).map((doc) => doc.code),
        );
        return halls.insertMany(docs.filter((doc) => !existing.has(doc.code)));
      },
      { waitMs: SEED_WAIT_MS },
    );
    return { written };
  },
};

/** Loads the channel taxonomy, validated by the `upsertChannel` schema; idempotent by code. */
export const channelSeeder: Seeder = {
  name: 'channels',
  collection: 'channels',
  async run(app: AppDeps) {
    const seededAt = new Date();
    const docs: ChannelDoc[] = seedChannels.map((channel) => {
      const result = channelInputSchema.safeParse(channel);
      if (!result.success)
        throw new Error(`seed channel ${channel.code} is invalid: ${result.error.message}`);
      return {
        _id: newRecordId(),
        ...channelContentOf(result.data),
        version: 1,
        updatedAt: seededAt,
        updatedBy: SEED_AUTHOR,
      };
    });
    const written = await app.services.channelRepo.withCodesHeld(
      seedChannels.map((channel) => channel.code),
      () => app.services.channelRepo.insertMissing(docs),
      { waitMs: SEED_WAIT_MS },
    );
    return { written };
  },
};
