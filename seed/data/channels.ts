/**
 * The service-channel taxonomy of DOMAIN.md section 2, one entry per channel, shaped like
 * `ChannelInput` (kind and ownership follow from the type). Terminals list the halls they stand in.
 */
import type { ChannelInput } from '../../src/modules/channels/index.js';
import { seedHalls } from './halls.js';

type SeedChannel = Omit<
  ChannelInput,
  'services' | 'access' | 'hallCodes' | 'alwaysOpen' | 'nameEn' | 'hours' | 'description'
> &
  Partial<ChannelInput>;

const HOTLINE_SERVICES = [
  'CONSULTATION',
  'COMPLAINT_INTAKE',
  'BILL_QUERY',
  'PACKAGE_CHANGE',
  'PASSWORD_SERVICE',
  'POINTS_QUERY',
  'BUSINESS_HANDLING',
] as const;
const terminalHalls = seedHalls
  .filter((hall) => hall.tier !== 'SMALL' && hall.status !== 'CLOSED')
  .map((hall) => hall.code);
const miniTerminalHalls = seedHalls
  .filter((hall) => hall.tier === 'SMALL' && hall.area === 'URBAN')
  .slice(0, 40)
  .map((hall) => hall.code);

export const seedChannels: SeedChannel[] = [
  // ---- owned physical channels
  {
    code: 'OWNED-HALLS',
    name: '自有营业厅',
    nameEn: 'Owned business halls',
    type: 'OWNED_HALL',
    services: [
      'BUSINESS_HANDLING',
      'PAYMENT',
      'HANDSET_SALES',
      'DEMO_EXPERIENCE',
      'CONSULTATION',
      'COMPLAINT_INTAKE',
      'SIM_REPLACEMENT',
      'BROADBAND_INSTALLATION',
    ],
    access: [{ kind: 'IN_PERSON', value: '见营业厅查询' }],
    hours: '各厅营业时间不同',
    description:
      '运营商自建、购置或租赁的营业场所，是企业的形象窗口：客户发展、服务与终端销售、品牌宣传、咨询推荐、业务受理、演示体验、信息收集、客户维系及意见建议和投诉处理。',
  },
  {
    code: 'BRAND-STORE-3G',
    name: '3G品牌店',
    nameEn: '3G brand stores',
    type: 'BRAND_STORE',
    services: ['HANDSET_SALES', 'DEMO_EXPERIENCE', 'BUSINESS_HANDLING', 'CONSULTATION'],
    access: [{ kind: 'IN_PERSON', value: '城市核心商圈' }],
    hours: '10:00-21:00',
    description: '以品牌展示和终端体验为主的门店；2009年的沃品牌店已按规模归入旗舰或标准营业厅。',
  },
  {
    code: 'CUSTOMER-CLUB',
    name: '客户俱乐部',
    nameEn: 'Customer clubs',
    type: 'CUSTOMER_CLUB',
    services: ['CONSULTATION', 'COMPLAINT_INTAKE', 'POINTS_QUERY', 'DEMO_EXPERIENCE'],
    access: [{ kind: 'IN_PERSON', value: '会员预约' }],
    hours: '09:00-18:00',
    description: '面向高价值客户的会员服务场所，提供面对面咨询、积分活动与投诉受理。',
  },
  // ---- direct sales
  {
    code: 'AM-GROUP',
    name: '集团客户经理',
    nameEn: 'Group-customer account managers',
    type: 'GROUP_ACCOUNT_MANAGER',
    services: [
      'GROUP_CUSTOMER_SERVICE',
      'BUSINESS_HANDLING',
      'CONSULTATION',
      'COMPLAINT_INTAKE',
      'BROADBAND_INSTALLATION',
    ],
    access: [
      {
        kind: 'PHONE',
        value: '10010',
        code: null,
        meaning: '转集团客户服务',
      },
    ],
    hours: '工作日 08:30-17:30',
    description:
      '为集团客户提供一对一服务；产品与资费咨询、一般投诉电话处理，故障申告与重大投诉协同相关部门上门处理。',
  },
  {
    code: 'AM-SME',
    name: '中小企业客户经理',
    nameEn: 'SME account managers',
    type: 'SME_ACCOUNT_MANAGER',
    services: ['GROUP_CUSTOMER_SERVICE', 'BUSINESS_HANDLING', 'CONSULTATION'],
    hours: '工作日 08:30-17:30',
    description: '为中小企业客户提供上门营销与业务办理。',
  },
  {
    code: 'AM-VIP',
    name: 'VIP客户经理',
    nameEn: 'VIP account managers',
    type: 'VIP_ACCOUNT_MANAGER',
    services: ['BUSINESS_HANDLING', 'CONSULTATION', 'COMPLAINT_INTAKE', 'SIM_REPLACEMENT'],
    hours: '工作日 08:30-17:30',
    description: '为高价值个人客户提供专属服务；无录音的面对面投诉须由客户在投诉记录上签字确认。',
  },
  {
    code: 'COMMUNITY-MANAGER',
    name: '社区经理',
    nameEn: 'Community managers',
    type: 'COMMUNITY_MANAGER',
    services: ['BROADBAND_INSTALLATION', 'BUSINESS_HANDLING', 'CONSULTATION', 'PAYMENT'],
    hours: '工作日 08:30-17:30',
    description: '驻社区的营销与服务人员，负责宽带装维预约与社区客户维系。',
  },
  // ---- electronic
  {
    code: 'HOTLINE-10010',
    name: '客服热线10010',
    nameEn: 'Customer hotline 10010',
    type: 'HOTLINE',
    services: [...HOTLINE_SERVICES],
    access: [
      { kind: 'PHONE', value: '10010' },
      {
        kind: 'VOICE',
        value: '10010',
        code: '1001031',
        meaning: '语音修改服务密码',
      },
    ],
    hours: '7×24',
    alwaysOpen: true,
    description:
      '中国联通客服热线：咨询、查询、业务办理与投诉受理；电话投诉须倾听、致歉、记录复述、答复并让客户先挂机。',
  },
  {
    code: 'HOTLINE-10000',
    name: '客服热线10000',
    nameEn: 'Customer hotline 10000',
    type: 'HOTLINE',
    services: [...HOTLINE_SERVICES],
    access: [{ kind: 'PHONE', value: '10000' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '中国电信客服热线（业内常见热线号码之一，供跨网咨询参考）。',
  },
  {
    code: 'HOTLINE-10086',
    name: '客服热线10086',
    nameEn: 'Customer hotline 10086',
    type: 'HOTLINE',
    services: [...HOTLINE_SERVICES],
    access: [{ kind: 'PHONE', value: '10086' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '中国移动客服热线（业内常见热线号码之一，供跨网咨询参考）。',
  },
  {
    code: 'ONLINE-CHAT',
    name: '在线客服',
    nameEn: 'Online customer service',
    type: 'ONLINE_CHAT',
    services: ['CONSULTATION', 'COMPLAINT_INTAKE', 'BILL_QUERY'],
    access: [{ kind: 'URL', value: 'https://www.10010.com/online-service' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '网页与手机营业厅内的文字客服。',
  },
  {
    code: 'WEIBO',
    name: '微博客服',
    nameEn: 'Weibo customer service',
    type: 'WEIBO',
    services: ['CONSULTATION', 'COMPLAINT_INTAKE'],
    access: [{ kind: 'WEIBO', value: '@中国联通客服' }],
    hours: '08:00-22:00',
    description: '通过微博私信与评论提供咨询和投诉受理。',
  },
  {
    code: 'WEB-HALL',
    name: '网上营业厅',
    nameEn: 'Web business hall',
    type: 'WEB_HALL',
    services: [
      'BILL_QUERY',
      'CONSULTATION',
      'COMPLAINT_INTAKE',
      'BUSINESS_HANDLING',
      'PACKAGE_CHANGE',
      'PAYMENT',
    ],
    access: [{ kind: 'URL', value: 'https://www.10010.com' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '信息查询、业务咨询、投诉与建议、优惠活动和网上业务办理。',
  },
  {
    code: 'SMS-HALL',
    name: '短信营业厅',
    nameEn: 'SMS business hall',
    type: 'SMS_HALL',
    services: ['PASSWORD_SERVICE', 'BILL_QUERY', 'POINTS_QUERY'],
    access: [
      { kind: 'SMS', value: '10010', code: '401', meaning: '修改服务密码' },
      { kind: 'SMS', value: '10010', code: '405', meaning: '重置服务密码' },
      {
        kind: 'SMS',
        value: '10010',
        code: '406',
        meaning: '获取手机营业厅下载地址',
      },
    ],
    hours: '7×24',
    alwaysOpen: true,
    description: '发送短信指令到10010办理：401改密码、405重置密码、406获取手机营业厅下载链接。',
  },
  {
    code: 'MOBILE-HALL-APP',
    name: '手机营业厅客户端',
    nameEn: 'Mobile business hall app',
    type: 'MOBILE_HALL',
    services: [
      'BILL_QUERY',
      'PACKAGE_CHANGE',
      'BUSINESS_HANDLING',
      'POINTS_QUERY',
      'PAYMENT',
      'PASSWORD_SERVICE',
    ],
    access: [
      { kind: 'APP', value: '中国联通APP' },
      { kind: 'SMS', value: '10010', code: '406', meaning: '获取下载地址' },
    ],
    hours: '7×24',
    alwaysOpen: true,
    description:
      '话费余额与账单查询、详单、套餐变更、业务办理、积分与套餐用量查询、缴费充值；方便但需要智能手机。',
  },
  {
    code: 'MOBILE-HALL-WAP',
    name: '手机营业厅WAP版',
    nameEn: 'Mobile business hall',
    type: 'MOBILE_HALL',
    services: ['BILL_QUERY', 'PACKAGE_CHANGE', 'BUSINESS_HANDLING', 'POINTS_QUERY', 'PAYMENT'],
    access: [{ kind: 'URL', value: 'https://wap.10010.com' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '任何手机都能使用的WAP站点，功能同客户端；每次登录需输入号码和密码。',
  },
  {
    code: 'SELF-SERVICE-STORE',
    name: '自助服务店',
    nameEn: 'Self-service stores',
    type: 'SELF_SERVICE_STORE',
    services: ['PAYMENT', 'BILL_QUERY', 'SIM_REPLACEMENT'],
    access: [{ kind: 'IN_PERSON', value: '商圈与社区' }],
    hours: '7×24',
    alwaysOpen: true,
    description: '无人值守的自助服务门店。',
  },
  {
    code: 'SELF-SERVICE-TERMINAL',
    name: '自助服务终端',
    nameEn: 'Self-service terminals',
    type: 'SELF_SERVICE_TERMINAL',
    services: ['PAYMENT', 'BILL_QUERY', 'SIM_REPLACEMENT', 'PACKAGE_CHANGE'],
    access: [{ kind: 'IN_PERSON', value: '设于营业厅内' }],
    hours: '随营业厅',
    hallCodes: terminalHalls,
    description: '营业厅内的自助缴费、打印与补卡终端。',
  },
  {
    code: 'MINI-TERMINAL',
    name: 'MINI终端',
    nameEn: 'MINI terminals',
    type: 'MINI_TERMINAL',
    services: ['PAYMENT', 'BILL_QUERY'],
    access: [{ kind: 'IN_PERSON', value: '小型营业厅与便民点' }],
    hours: '随营业厅',
    hallCodes: miniTerminalHalls,
    description: '小型自助缴费查询终端。',
  },
  // ---- social channels
  {
    code: 'COOPERATIVE-HALL',
    name: '合作营业厅',
    nameEn: 'Cooperative halls',
    type: 'COOPERATIVE_HALL',
    services: ['BUSINESS_HANDLING', 'PAYMENT', 'HANDSET_SALES'],
    description:
      '第三方经营的合作厅；名单制：面积不小于30平方米，省会分公司月均新增移动用户不少于250户，其他不少于100户。',
  },
  {
    code: 'FRANCHISE-STORE',
    name: '专营店',
    nameEn: 'Franchise stores',
    type: 'FRANCHISE_STORE',
    services: ['HANDSET_SALES', 'BUSINESS_HANDLING', 'PAYMENT'],
    description: '经授权专营运营商业务的社会门店，优先选择销量排名靠前的大型连锁和战略合作伙伴。',
  },
  {
    code: 'AGENT-POINT',
    name: '代理点',
    nameEn: 'Agent points',
    type: 'AGENT_POINT',
    services: ['PAYMENT', 'BUSINESS_HANDLING'],
    description: '代理缴费与简单业务受理的社会网点。',
  },
];
