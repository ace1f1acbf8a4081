import type { AppDeps } from '../src/context.js';
import type { Seeder } from './index.js';

/** A starting list of terms agents and customers use for the same thing. */
export const seedSynonyms: string[][] = [
  ['宽带', '宽频', 'broadband'],
  ['拨号', 'pppoe', '拨号上网', 'dial-up'],
  ['营业厅', '营业网点', '网点', 'business hall'],
  ['密码', '口令', 'password'],
  ['话费', '账单', '费用', 'bill'],
  ['光猫', '猫', 'modem', '调制解调器'],
  ['投诉', '申诉', 'complaint'],
  ['热线', '客服热线', 'hotline'],
  ['手机营业厅', '掌上营业厅', '手厅', 'app'],
  ['网上营业厅', '网厅', 'web hall'],
  ['连不上', '上不了网', '断网', '无法上网'],
  ['重置', '重设', 'reset'],
  ['欠费', '停机', 'arrears'],
  // Agents' and customers' everyday words (issue 11), each found missing by the relevance lab.
  ['短信营业厅', '短厅', 'sms business hall'],
  ['路由器', '路由', 'router'],
  ['wifi', 'wi-fi', 'wlan', '无线网'],
  ['掉线', '老掉', '断线'],
  ['缴费', '交费', '交话费', '交钱'],
  ['扣费', '乱扣费', '扣钱'],
  ['详单', '清单', '通话记录'],
  ['补卡', '补办手机卡', '卡丢了'],
  ['找厅', '营业厅查询', '附近营业厅'],
  ['移机', '宽带搬家'],
  ['续费', '续约'],
  ['网速慢', '卡顿', '速度慢'],
  ['分类', '类型', '种类'],
];

/** Inserts each starting synonym set unless a set with its first term exists (idempotent, one batch). */
export const synonymSeeder: Seeder = {
  name: 'search synonyms',
  collection: 'search_synonyms',
  async run(app: AppDeps) {
    return { written: await app.services.synonyms.seedSynonymSets(seedSynonyms) };
  },
};
