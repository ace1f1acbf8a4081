/** The regions module's GraphQL refs: the Region object and its level enum (with display labels). */
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import type { RegionDoc, RegionLevel } from './region.model.js';

export const RegionRef = builder.objectRef<RegionDoc>('Region');

export const RegionLevelEnum = labelledEnum('RegionLevel', {
  description: 'An administrative level.',
  labels: {
    PROVINCE: { 'zh-CN': '省', en: 'Province' },
    CITY: { 'zh-CN': '市', en: 'City' },
    COUNTY: { 'zh-CN': '区/县', en: 'County or district' },
    TOWNSHIP: { 'zh-CN': '乡镇/街道', en: 'Township or subdistrict' },
  } satisfies Record<RegionLevel, unknown>,
});
