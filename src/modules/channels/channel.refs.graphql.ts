/** The channels module's GraphQL refs: the Channel object and the channel system's enums, each value with its display labels (see src/schema/labels.ts). */
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import type {
  AccessKind,
  ChannelDoc,
  ChannelKind,
  ChannelOwnership,
  ChannelType,
  ServiceKind,
} from './channel.model.js';

export const ChannelRef = builder.objectRef<ChannelDoc>('Channel');

export const ServiceKindEnum = labelledEnum('ServiceKind', {
  description: 'What a customer can get done at a hall or through a channel.',
  labels: {
    BUSINESS_HANDLING: { 'zh-CN': '业务办理', en: 'Service transactions' },
    PAYMENT: { 'zh-CN': '缴费', en: 'Bill payment and top-up' },
    HANDSET_SALES: { 'zh-CN': '终端销售', en: 'Device sales' },
    DEMO_EXPERIENCE: { 'zh-CN': '体验展示', en: 'Product demos' },
    CONSULTATION: { 'zh-CN': '业务咨询', en: 'Enquiries' },
    COMPLAINT_INTAKE: { 'zh-CN': '投诉受理', en: 'Complaints' },
    SIM_REPLACEMENT: { 'zh-CN': '补换卡', en: 'SIM replacement' },
    BROADBAND_INSTALLATION: { 'zh-CN': '宽带装机', en: 'Broadband installation' },
    BILL_QUERY: { 'zh-CN': '话费查询', en: 'Balance and bill enquiries' },
    PACKAGE_CHANGE: { 'zh-CN': '套餐变更', en: 'Plan changes' },
    PASSWORD_SERVICE: { 'zh-CN': '密码服务', en: 'Password reset and change' },
    POINTS_QUERY: { 'zh-CN': '积分查询', en: 'Loyalty points enquiries' },
    GROUP_CUSTOMER_SERVICE: { 'zh-CN': '集团客户服务', en: 'Business (group) customer service' },
  } satisfies Record<ServiceKind, unknown>,
});

export const ChannelKindEnum = labelledEnum('ChannelKind', {
  description: 'The kind of a service channel.',
  labels: {
    PHYSICAL: { 'zh-CN': '实体渠道', en: 'Physical' },
    DIRECT_SALES: { 'zh-CN': '直销渠道', en: 'Direct sales' },
    ELECTRONIC: { 'zh-CN': '电子渠道', en: 'Electronic' },
  } satisfies Record<ChannelKind, unknown>,
});

export const ChannelOwnershipEnum = labelledEnum('ChannelOwnership', {
  description: 'Who runs a service channel.',
  labels: {
    OWNED: { 'zh-CN': '自有渠道', en: 'Owned' },
    SOCIAL: { 'zh-CN': '社会渠道', en: 'Social' },
  } satisfies Record<ChannelOwnership, unknown>,
  notes: { SOCIAL: 'Run by third parties' },
});

export const ChannelTypeEnum = labelledEnum('ChannelType', {
  description: 'The service-channel taxonomy; each type has one kind and one ownership.',
  labels: {
    OWNED_HALL: { 'zh-CN': '自有营业厅', en: 'Owned business hall' },
    BRAND_STORE: { 'zh-CN': '3G品牌店', en: '3G brand store' },
    CUSTOMER_CLUB: { 'zh-CN': '客户俱乐部', en: 'Customer club' },
    GROUP_ACCOUNT_MANAGER: { 'zh-CN': '集团客户经理', en: 'Group-customer account manager' },
    SME_ACCOUNT_MANAGER: { 'zh-CN': '中小企业客户经理', en: 'SME account manager' },
    VIP_ACCOUNT_MANAGER: { 'zh-CN': '大客户经理', en: 'VIP account manager' },
    COMMUNITY_MANAGER: { 'zh-CN': '社区经理', en: 'Community manager' },
    HOTLINE: { 'zh-CN': '客服热线', en: 'Customer service hotline' },
    ONLINE_CHAT: { 'zh-CN': '在线客服', en: 'Online customer service' },
    WEIBO: { 'zh-CN': '微博客服', en: 'Weibo customer service' },
    WEB_HALL: { 'zh-CN': '网上营业厅', en: 'Web business hall' },
    SMS_HALL: { 'zh-CN': '短信营业厅', en: 'SMS business hall' },
    MOBILE_HALL: { 'zh-CN': '手机营业厅', en: 'Mobile business hall' },
    SELF_SERVICE_STORE: { 'zh-CN': '自助服务店', en: 'Self-service store' },
    SELF_SERVICE_TERMINAL: { 'zh-CN': '自助服务终端', en: 'Self-service terminal' },
    MINI_TERMINAL: { 'zh-CN': 'MINI终端', en: 'MINI terminal' },
    COOPERATIVE_HALL: { 'zh-CN': '合作营业厅', en: 'Cooperative hall' },
    FRANCHISE_STORE: { 'zh-CN': '专营店', en: 'Franchise store' },
    AGENT_POINT: { 'zh-CN': '代理点', en: 'Agent point' },
  } satisfies Record<ChannelType, unknown>,
});

export const AccessKindEnum = labelledEnum('AccessKind', {
  description: 'How a channel is reached.',
  labels: {
    PHONE: { 'zh-CN': '电话', en: 'Phone' },
    URL: { 'zh-CN': '网址', en: 'Web address' },
    SMS: { 'zh-CN': '短信', en: 'SMS' },
    VOICE: { 'zh-CN': '语音', en: 'Voice' },
    APP: { 'zh-CN': '应用', en: 'App' },
    WEIBO: { 'zh-CN': '微博', en: 'Weibo' },
    IN_PERSON: { 'zh-CN': '到店', en: 'In person' },
  } satisfies Record<AccessKind, unknown>,
});
