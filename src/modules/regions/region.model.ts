import type { ObjectId } from 'mongodb';

export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'] as const;
/** Administrative levels: 省 > 市 > 区/县 > 乡镇/街道. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** One administrative region, keyed by its administrative code (e.g. 420700 鄂州市). */
export interface RegionDoc {
  _id: ObjectId;
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  /** The codes of the region's ancestors and itself, root first: what a subtree filter matches. */
  path: string[];
  /** Residents; seeded for counties (the roster rule counts counties above 30,000 people). */
  population: number | null;
}
