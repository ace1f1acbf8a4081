/** Wires the channel directory's repositories into its services (called once by src/services.ts). */
import type { Db } from 'mongodb';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import { ChannelRepository } from './channel.repository.js';
import { ChannelsService } from './channels.service.js';
import { CoverageService } from './coverage.service.js';
import { HallAdmin } from './hall-admin.service.js';
import { HallFinder } from './hall-finder.service.js';
import type { HallSearchPort } from './hall-finder.service.js';
import { HallImporter } from './hall-import.service.js';
import { HallRepository } from './hall.repository.js';
import { RegionRepository } from './region.repository.js';

/** The channel directory's repositories (for loaders and seeders) and services. */
export interface ChannelServices {
  regions: RegionRepository;
  halls: HallRepository;
  channelRepo: ChannelRepository;
  /** Hall reads: one hall, pages with facets, nearby halls, the CSV export. */
  hallFinder: HallFinder;
  /** Admins' changes to single halls. */
  hallAdmin: HallAdmin;
  /** Bulk import of halls. */
  hallImporter: HallImporter;
  /** The region tree and coverage for planners. */
  coverage: CoverageService;
  /** Service channels and `whereCanI`. */
  channels: ChannelsService;
}

/** Creates the channel directory's repositories and services over `db`. */
export function createChannelServices(
  db: Db,
  deps: { logger: Logger; events: EventBus; now: () => Date; hallSearch: HallSearchPort | null },
): ChannelServices {
  const regions = new RegionRepository(db);
  const halls = new HallRepository(db);
  const channelRepo = new ChannelRepository(db);
  const hallFinder = new HallFinder(halls, deps.logger, deps.hallSearch);
  return {
    regions,
    halls,
    channelRepo,
    hallFinder,
    hallAdmin: new HallAdmin(halls, regions, deps.events, deps.now),
    hallImporter: new HallImporter(halls, regions, deps.logger, deps.events, deps.now),
    coverage: new CoverageService(halls, regions),
    channels: new ChannelsService(channelRepo, halls, hallFinder, deps.now),
  };
}
