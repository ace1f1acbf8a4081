/**
 * The seed knowledge base, one file per topic under ./articles/ (Chinese first, then English
 * translations, which share their Chinese article's slug). Written from the domain brief.
 */
import { broadbandZh } from './articles/broadband.js';
import { broadbandHowToZh } from './articles/broadband-howto.js';
import { channelsZh } from './articles/channels.js';
import { channelServicesZh } from './articles/channel-services.js';
import { complaintsZh } from './articles/complaints.js';
import { complaintHandlingZh } from './articles/complaint-handling.js';
import { englishArticles } from './articles/english.js';
import { englishMoreArticles } from './articles/english-more.js';
import { hallsZh } from './articles/halls.js';
import { hallServicesZh } from './articles/hall-services.js';
import { standardsZh } from './articles/standards.js';
import { standardsMoreZh } from './articles/standards-more.js';
import type { SeedArticle } from './articles/types.js';

export type { SeedArticle, SeedAudience, SeedLocale, SeedStatus } from './articles/types.js';

export const seedArticles: SeedArticle[] = [
  ...broadbandZh,
  ...broadbandHowToZh,
  ...complaintsZh,
  ...complaintHandlingZh,
  ...hallsZh,
  ...hallServicesZh,
  ...channelsZh,
  ...channelServicesZh,
  ...standardsZh,
  ...standardsMoreZh,
  ...englishArticles,
  ...englishMoreArticles,
];
