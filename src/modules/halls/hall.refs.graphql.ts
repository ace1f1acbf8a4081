/** The halls module's GraphQL refs: the Hall object and the hall enums, each value with its display labels (see src/schema/labels.ts). */
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import type { ImportAction } from './hall-import.service.js';
import type { ImportFormat } from './hall-import.js';
import type {
  AccessibilityFeature,
  HallArea,
  HallDoc,
  HallOperation,
  HallStatus,
  HallTier,
} from './hall.model.js';

export const HallRef = builder.objectRef<HallDoc>('Hall');

export const HallTierEnum = labelledEnum('HallTier', {
  description: 'A hall by function.',
  labels: {
    FLAGSHIP: { 'zh-CN': '旗舰营业厅', en: 'Flagship hall' },
    STANDARD: { 'zh-CN': '标准营业厅', en: 'Standard hall' },
    SMALL: { 'zh-CN': '小型营业厅', en: 'Small hall' },
  } satisfies Record<HallTier, unknown>,
});

export const HallOperationEnum = labelledEnum('HallOperation', {
  description: 'Who runs the business of a hall.',
  labels: {
    SELF_OPERATED: { 'zh-CN': '自有自营', en: 'Self-operated' },
    PARTNER_OPERATED: { 'zh-CN': '自有他营', en: 'Partner-operated' },
  } satisfies Record<HallOperation, unknown>,
  notes: { PARTNER_OPERATED: 'See Hall.partner' },
});

export const HallAreaEnum = labelledEnum('HallArea', {
  description: 'Where a hall is.',
  labels: {
    URBAN: { 'zh-CN': '城市', en: 'Urban' },
    TOWNSHIP: { 'zh-CN': '乡镇', en: 'Township' },
  } satisfies Record<HallArea, unknown>,
  notes: { URBAN: 'County level or above', TOWNSHIP: 'Below county level; always a SMALL hall' },
});

export const HallStatusEnum = labelledEnum('HallStatus', {
  description: 'Whether a hall receives customers.',
  labels: {
    OPEN: { 'zh-CN': '营业', en: 'Open' },
    TEMPORARILY_CLOSED: { 'zh-CN': '暂停营业', en: 'Temporarily closed' },
    CLOSED: { 'zh-CN': '已关闭', en: 'Closed' },
  } satisfies Record<HallStatus, unknown>,
  notes: { OPEN: 'Within its opening hours', CLOSED: 'Permanently' },
});

export const AccessibilityEnum = labelledEnum('AccessibilityFeature', {
  description: 'What a hall offers customers with disabilities.',
  labels: {
    STEP_FREE_ENTRANCE: { 'zh-CN': '无障碍入口', en: 'Step-free entrance' },
    ACCESSIBLE_COUNTER: { 'zh-CN': '无障碍柜台', en: 'Accessible counter' },
    ACCESSIBLE_TOILET: { 'zh-CN': '无障碍卫生间', en: 'Accessible toilet' },
    HEARING_LOOP: { 'zh-CN': '助听环路', en: 'Hearing loop' },
    SIGN_LANGUAGE: { 'zh-CN': '手语服务', en: 'Sign language' },
    PRIORITY_SEATING: { 'zh-CN': '爱心座椅', en: 'Priority seating' },
  } satisfies Record<AccessibilityFeature, unknown>,
});

export const HallOrderByEnum = builder.enumType('HallOrderBy', {
  description: 'The order of a hall list: ascending, then by id.',
  values: {
    CODE: { value: 'CODE' as const, description: 'By hall code.' },
    NAME: { value: 'NAME' as const, description: 'By name.' },
  },
});

export const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'The file format of a hall import.',
  values: {
    CSV: { value: 'CSV' as const, description: 'CSV with a header row, as hallsCsv exports it.' },
    JSON: {
      value: 'JSON' as const,
      description: 'A JSON array of hall objects shaped like CreateHallInput, or { "halls": [...] }.',
    },
  } satisfies Record<ImportFormat, unknown>,
});

export const ImportActionEnum = builder.enumType('ImportAction', {
  description: 'What an import did (or would do) with one row.',
  values: {
    CREATED: { value: 'CREATED' as const, description: 'A new hall.' },
    UPDATED: { value: 'UPDATED' as const, description: 'An existing hall (same code) changed.' },
    UNCHANGED: { value: 'UNCHANGED' as const, description: 'An existing hall, already the same.' },
    INVALID: { value: 'INVALID' as const, description: 'Refused: see errors.' },
  } satisfies Record<ImportAction, unknown>,
});
