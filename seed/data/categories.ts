export interface SeedCategory {
  /** Stable path key, segments of [a-z0-9-], joined by '/': e.g. 'broadband/dial-up-errors'. */
  key: string;
  name: { 'zh-CN': string; en: string };
  /** Display order among siblings. */
  order: number;
}

/** The knowledge-base category tree; parents come before their children. */
export const seedCategories: SeedCategory[] = [
  { key: 'broadband', name: { 'zh-CN': '宽带故障', en: 'Broadband faults' }, order: 1 },
  {
    key: 'broadband/dial-up-errors',
    name: { 'zh-CN': '拨号错误', en: 'Dial-up errors' },
    order: 1,
  },
  {
    key: 'broadband/troubleshooting',
    name: { 'zh-CN': '排障与设备', en: 'Troubleshooting and equipment' },
    order: 2,
  },
  { key: 'complaints', name: { 'zh-CN': '投诉处理', en: 'Complaints' }, order: 2 },
  {
    key: 'complaints/grades-deadlines',
    name: { 'zh-CN': '投诉等级与时限', en: 'Grades and deadlines' },
    order: 1,
  },
  {
    key: 'complaints/intake-process',
    name: { 'zh-CN': '受理与流程', en: 'Intake and process' },
    order: 2,
  },
  { key: 'halls', name: { 'zh-CN': '营业厅', en: 'Business halls' }, order: 3 },
  {
    key: 'halls/classification',
    name: { 'zh-CN': '营业厅分类', en: 'Hall classification' },
    order: 1,
  },
  { key: 'channels', name: { 'zh-CN': '服务渠道', en: 'Service channels' }, order: 4 },
  {
    key: 'channels/electronic',
    name: { 'zh-CN': '电子渠道', en: 'Electronic channels' },
    order: 1,
  },
  {
    key: 'channels/electronic/service-codes',
    name: { 'zh-CN': '服务代码与密码', en: 'Service codes and passwords' },
    order: 1,
  },
  {
    key: 'channels/direct-sales',
    name: { 'zh-CN': '直销渠道', en: 'Direct sales' },
    order: 2,
  },
  {
    key: 'channels/social',
    name: { 'zh-CN': '社会渠道', en: 'Third-party channels' },
    order: 3,
  },
  { key: 'service-standards', name: { 'zh-CN': '服务规范', en: 'Service standards' }, order: 5 },
  {
    key: 'service-standards/phone-etiquette',
    name: { 'zh-CN': '电话礼仪', en: 'Phone etiquette' },
    order: 1,
  },
  {
    key: 'service-standards/targets',
    name: { 'zh-CN': '服务目标', en: 'Service targets' },
    order: 2,
  },
  { key: 'retention', name: { 'zh-CN': '客户维系', en: 'Customer retention' }, order: 6 },
  { key: 'knowledge-base', name: { 'zh-CN': '知识库使用', en: 'Using the knowledge base' }, order: 7 },
];
