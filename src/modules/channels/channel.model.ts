import type { ObjectId } from 'mongodb';

/** What a customer can get done at a hall or through a channel. */
export const SERVICE_KINDS = [
  'BUSINESS_HANDLING',
  'PAYMENT',
  'HANDSET_SALES',
  'DEMO_EXPERIENCE',
  'CONSULTATION',
  'COMPLAINT_INTAKE',
  'SIM_REPLACEMENT',
  'BROADBAND_INSTALLATION',
  'BILL_QUERY',
  'PACKAGE_CHANGE',
  'PASSWORD_SERVICE',
  'POINTS_QUERY',
  'GROUP_CUSTOMER_SERVICE',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const CHANNEL_KINDS = ['PHYSICAL', 'DIRECT_SALES', 'ELECTRONIC'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_OWNERSHIPS = ['OWNED', 'SOCIAL'] as const;
/** OWNED: 自有渠道. SOCIAL: 社会渠道, run by third parties. */
export type ChannelOwnership = (typeof CHANNEL_OWNERSHIPS)[number];

/** The service-channel taxonomy (客户服务渠道体系), each type with its kind and ownership. */
export const CHANNEL_TYPES = {
  OWNED_HALL: { kind: 'PHYSICAL', ownership: 'OWNED' },
  BRAND_STORE: { kind: 'PHYSICAL', ownership: 'OWNED' },
  CUSTOMER_CLUB: { kind: 'PHYSICAL', ownership: 'OWNED' },
  GROUP_ACCOUNT_MANAGER: { kind: 'DIRECT_SALES', ownership: 'OWNED' },
  SME_ACCOUNT_MANAGER: { kind: 'DIRECT_SALES', ownership: 'OWNED' },
  VIP_ACCOUNT_MANAGER: { kind: 'DIRECT_SALES', ownership: 'OWNED' },
  COMMUNITY_MANAGER: { kind: 'DIRECT_SALES', ownership: 'OWNED' },
  HOTLINE: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  ONLINE_CHAT: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  WEIBO: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  WEB_HALL: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  SMS_HALL: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  MOBILE_HALL: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  SELF_SERVICE_STORE: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  SELF_SERVICE_TERMINAL: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  MINI_TERMINAL: { kind: 'ELECTRONIC', ownership: 'OWNED' },
  COOPERATIVE_HALL: { kind: 'PHYSICAL', ownership: 'SOCIAL' },
  FRANCHISE_STORE: { kind: 'PHYSICAL', ownership: 'SOCIAL' },
  AGENT_POINT: { kind: 'PHYSICAL', ownership: 'SOCIAL' },
} as const satisfies Record<string, { kind: ChannelKind; ownership: ChannelOwnership }>;
export type ChannelType = keyof typeof CHANNEL_TYPES;
export const CHANNEL_TYPE_NAMES = Object.keys(CHANNEL_TYPES) as ChannelType[];

export const ACCESS_KINDS = ['PHONE', 'URL', 'SMS', 'VOICE', 'APP', 'WEIBO', 'IN_PERSON'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** How to reach a channel: a number to call, a URL, an SMS command (`code` to `value`) ... */
export interface ChannelAccess {
  kind: AccessKind;
  /** The number, URL or handle. */
  value: string;
  /** For SMS/voice commands: what to send or dial (e.g. 401). */
  code: string | null;
  /** What the command does (e.g. 修改服务密码). */
  meaning: string | null;
}

export interface ChannelDoc {
  _id: ObjectId;
  code: string;
  name: string;
  nameEn: string;
  kind: ChannelKind;
  ownership: ChannelOwnership;
  type: ChannelType;
  services: ServiceKind[];
  access: ChannelAccess[];
  /** Human-readable hours, e.g. `7×24` or `08:30-17:30`. */
  hours: string;
  /** True when it never closes. */
  alwaysOpen: boolean;
  /** Halls where it is present (self-service and MINI terminals). */
  hallCodes: string[];
  description: string;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** Which channels: every field narrows the list (lists: any of; services: all of). */
export interface ChannelFilter {
  kinds?: readonly ChannelKind[] | null;
  ownerships?: readonly ChannelOwnership[] | null;
  types?: readonly ChannelType[] | null;
  /** Channels offering all of these. */
  services?: readonly ServiceKind[] | null;
}
