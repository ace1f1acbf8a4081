import { zh } from './types.js';
import type { SeedArticle } from './types.js';

/** What business halls offer and how agents and hall staff serve there (Chinese). */
export const hallServicesZh: SeedArticle[] = [
  zh({
    slug: 'hall-services-list',
    title: '营业厅能办哪些业务',
    summary:
      '营业厅可以办理开户、套餐变更、缴费、补卡、宽带新装和移机、投诉建议等业务，还能咨询、体验和购买手机；小型营业厅只办基础业务。',
    body: `## 营业厅的主要服务

- **业务受理**：开户、过户、套餐变更、增值业务开通与退订；
- **缴费**：话费、宽带费缴纳，发票打印；
- **宽带**：新装、移机、提速、续约、密码重置；
- **咨询与体验**：资费和新业务咨询，手机和智能设备体验；
- **终端销售**：手机及配件；
- **意见、建议和投诉受理**。

## 不同营业厅的差别

| 类型 | 能办的业务 |
| --- | --- |
| 旗舰营业厅 | 全部业务，体验区最完整 |
| 标准营业厅 | 营销、销售、服务三大功能齐全 |
| 小型营业厅 | 缴费和基础业务受理 |

办理前可以先用[营业厅查询](hall-finder-how-to)找到最近、正在营业且能办该业务的营业厅。`,
    category: 'halls',
    tags: ['营业厅', '业务', '办理', '服务'],
    related: ['hall-function-types', 'hall-finder-how-to', 'small-hall-services'],
  }),
  zh({
    slug: 'hall-business-documents',
    title: '到营业厅办业务要带什么证件',
    summary:
      '大多数业务需要机主本人携带有效身份证件办理；代办需要机主证件和代办人证件及委托材料；宽带密码重置必须出示机主证件。',
    body: `## 机主本人办理

携带本人有效身份证件原件（居民身份证等）。

## 他人代办

- 机主的有效身份证件原件；
- 代办人本人的有效身份证件原件；
- 机主签字的授权委托书（部分业务）。

## 必须机主本人或严格核验的业务

- 宽带密码、服务密码重置；
- 过户、销户；
- 补办手机卡。

## 单位客户

携带单位证明材料和经办人证件，集团客户可联系客户经理预约。

## 提醒

证件过期、复印件、照片都不能代替原件。`,
    category: 'halls',
    tags: ['证件', '身份证', '代办', '营业厅'],
    related: ['hall-services-list', 'broadband-account-password-reset'],
  }),
  zh({
    slug: 'small-hall-services',
    title: '小型营业厅能办什么',
    summary:
      '小型营业厅设在社区、校园、农村等地，面积和服务半径小，主要提供缴费收费和基础业务受理，复杂业务需到标准厅或旗舰厅。',
    body: `## 定位

小型营业厅面向社区或特定区域（校园、农村），营业面积小、服务半径小，以基础服务为主。乡镇营业厅一律是小型营业厅。

## 可以办理

- 话费、宽带费缴纳和代收费；
- 基础业务受理，如套餐咨询、简单业务开通；
- 业务咨询。

## 建议到大厅办理

- 终端体验和购买；
- 需要复杂核验的业务；
- 集团客户业务。

不确定能否办理时，先打客服热线确认，避免白跑一趟。`,
    category: 'halls/classification',
    tags: ['小型营业厅', '社区', '基础业务'],
    related: ['hall-function-types', 'township-halls', 'hall-services-list'],
  }),
  zh({
    slug: 'flagship-hall-experience',
    title: '旗舰营业厅有什么不同：体验与展示',
    summary:
      '旗舰营业厅是面向全体客户的大型展示和体验中心，形象最完整，同时承担门店营销、销售和服务，适合体验新产品和办理复杂业务。',
    body: `## 旗舰厅的特点

- 面积大、位置显著，完整展示品牌形象；
- 设有产品体验区，可以上手试用手机、智能家居等新产品；
- 营销、销售、服务三项功能齐全，业务最全。

## 适合推荐给谁

- 想体验新机、新业务的用户；
- 需要办理复杂业务的用户；
- 希望一次办完多项业务的用户。

## 相关

营业厅按功能分为旗舰、标准、小型三类，见[营业厅按功能分类](hall-function-types)。`,
    category: 'halls/classification',
    tags: ['旗舰营业厅', '体验', '展示'],
    related: ['hall-function-types', 'hall-classification'],
  }),
  zh({
    slug: 'hall-finder-how-to',
    title: '怎么查附近的营业厅和营业时间',
    summary:
      '在官网、手机营业厅的“营业厅查询”中，可按位置查找附近营业厅，看到地址、营业时间、是否正在营业和可办理的业务。',
    body: `## 查询方法

1. 打开官网或手机营业厅的“营业厅查询”（找厅）。
2. 允许定位，或手动选择省、市、区县。
3. 列表按距离排列，显示地址、营业时间、当前是否营业。
4. 可筛选旗舰厅、标准厅，或筛选能办理某项业务的营业厅。

## 营业时间

- 营业厅一般分工作日和周末时间，部分营业厅中午休息；
- 春节等节假日营业时间会调整，以查询结果为准。

## 座席回答用户

用户问“最近的营业厅在哪、现在开门吗”，直接用找厅功能查询，告知名称、地址和今天的营业时间。`,
    category: 'halls',
    tags: ['找营业厅', '附近', '营业时间', '查询'],
    related: ['hall-services-list'],
  }),
  zh({
    slug: 'hall-setup-methods',
    title: '自有营业厅的设立方式：自建、购置、租赁',
    summary:
      '自有营业厅是运营商自建、购买或租用并拥有产权或使用权的服务场所，设立方式分为自建、购置和租赁三种。',
    body: `## 三种设立方式

| 方式 | 说明 |
| --- | --- |
| 自建 | 运营商自行建设营业场所 |
| 购置 | 购买现成的房产作为营业厅 |
| 租赁 | 租用场地，拥有使用权 |

## 为什么重要

无论哪种方式，运营商对场所拥有产权或使用权，所以都属于“自有营业厅”；交给合作方经营的也仍是自有营业厅（自有他营厅）。

## 相关

- [自有营业厅概述](owned-hall-overview)
- [自有他营厅](partner-operated-halls)`,
    category: 'halls',
    tags: ['自有营业厅', '自建', '购置', '租赁'],
    related: ['owned-hall-overview', 'partner-operated-halls'],
  }),
  zh({
    slug: 'customer-club',
    title: '客户俱乐部',
    summary:
      '客户俱乐部是实体渠道的一种，面向会员客户提供活动、体验和面对面服务，也是受理投诉和收集意见的渠道之一。',
    body: `## 定位

客户俱乐部属于自有实体渠道，与自有营业厅、3G 品牌店并列，侧重客户关系维护。

## 提供的服务

- 会员活动和新产品体验；
- 面对面咨询和业务服务；
- 受理客户的意见、建议和投诉。

## 投诉受理

在俱乐部受理的投诉没有录音，应详细记录并请客户在投诉记录上签字，见[投诉受理规范](complaint-intake-rules)。`,
    category: 'channels',
    tags: ['客户俱乐部', '实体渠道', '会员'],
    related: ['service-channel-overview', 'complaint-intake-rules'],
  }),
  zh({
    slug: 'brand-store-3g',
    title: '3G品牌店',
    summary:
      '3G品牌店是自有实体渠道之一，以展示和销售3G终端与业务为主；2009年的沃品牌店后来按标准重新归为旗舰厅或标准厅。',
    body: `## 定位

3G 品牌店与自有营业厅、客户俱乐部同属自有实体渠道，侧重新一代移动业务和终端的展示、体验和销售。

## 沃品牌店的归类

2009 年建设的“沃”品牌店，后来按营业厅功能标准重新归类为旗舰营业厅或标准营业厅，见[沃品牌店重新归类](wo-brand-stores-reclassified)。

## 座席回答

用户询问某家品牌店能否办理业务，按其现在的营业厅类型回答，可用找厅功能查询。`,
    category: 'channels',
    tags: ['3G品牌店', '实体渠道', '沃品牌店'],
    related: ['wo-brand-stores-reclassified', 'service-channel-overview'],
  }),
  zh({
    slug: 'hall-consultation-reception',
    title: '营业厅咨询接待流程',
    summary:
      '厅内接待用户按“迎候、询问需求、解答或办理、确认满意、送别”五步进行，平均服务时长控制在5分钟以内，每个问题都要有答复或解决方案。',
    body: `## 五步接待

1. **迎候**：用户进门主动问候，引导取号或直接接待。
2. **询问需求**：问清要咨询还是办理，涉及账户先核验身份。
3. **解答或办理**：能当场解决的当场解决；需要转办的说明去向和时限。
4. **确认满意**：询问是否还有其他问题。
5. **送别**：礼貌送别。

## 服务目标

- 满意度不低于 95%；
- 问题解答或给出方案 100%；
- 平均服务时长不超过 5 分钟；
- 投诉率不高于 1%。

见[服务目标](service-targets)和[厅内咨询速查卡](hall-consultation-quick-card-2025)。`,
    category: 'service-standards',
    tags: ['接待', '营业厅', '咨询', '流程'],
    audience: 'INTERNAL',
    related: ['service-targets', 'consultation-topics'],
  }),
  zh({
    slug: 'hall-on-site-complaint',
    title: '营业厅现场投诉怎么受理',
    summary:
      '用户在营业厅当面投诉时，先请到安静处倾听，不争辩；没有录音，所以要详细记录并请用户在投诉记录上签字，再填写投诉工单。',
    body: `## 步骤

1. 把用户请到安静的接待区，先倾听，不打断、不争辩。
2. 公司有过错的，诚恳道歉。
3. 详细记录：时间、号码、问题经过、用户诉求。
4. 营业厅没有通话录音，**请用户在投诉记录上签字确认**。
5. 填写投诉工单，能当场解决的当场解决。
6. 复杂问题向用户承诺明确的答复时间。

## 答复时限

一般投诉平均立即答复、最迟 24 小时，见[投诉等级与答复时限](complaint-grades-deadlines)。`,
    category: 'complaints/intake-process',
    tags: ['现场投诉', '营业厅', '签字', '受理'],
    audience: 'INTERNAL',
    related: ['complaint-intake-rules', 'complaint-work-order', 'complaint-grades-deadlines'],
  }),
  zh({
    slug: 'hall-sim-replacement',
    title: '手机卡丢了或坏了怎么补卡',
    summary:
      '补办手机卡需机主本人携带有效身份证件到营业厅办理，号码不变；卡丢失时可先通过客服热线办理挂失停机，防止被盗用。',
    body: `## 先挂失

手机卡丢失时，先拨打客服热线或到营业厅办理挂失停机，防止号码被他人使用。

## 补卡

1. 机主本人携带有效身份证件到营业厅。
2. 工作人员核验身份后补办新卡，号码和套餐不变。
3. 补卡后原卡失效。

## 注意

- 补卡属于严格核验的业务，通常不能在线办理；
- 小型营业厅能否补卡以当地为准，可先电话确认；
- 补卡后部分应用需要重新登录验证。`,
    category: 'halls',
    tags: ['补卡', '挂失', '手机卡', '营业厅'],
    related: ['hall-business-documents', 'hall-services-list'],
  }),
  zh({
    slug: 'hall-queue-appointment',
    title: '营业厅排队久：预约和错峰办理',
    summary:
      '营业厅高峰时段排队较久，可以先在手机营业厅预约取号、选择工作日上午办理，能在线办的业务建议在手机营业厅或网上营业厅办理。',
    body: `## 减少排队的办法

1. **线上能办的先线上办**：查询、缴费、套餐变更等用手机营业厅或网上营业厅。
2. **预约取号**：部分营业厅支持在手机营业厅提前取号。
3. **错峰**：避开月初、周末和下班后高峰，工作日上午人较少。
4. **缴费用自助终端**：厅内自助终端不用排队。

## 厅内服务

排队较长时，厅内工作人员应主动巡视、分流，先解答简单咨询。`,
    category: 'halls',
    tags: ['排队', '预约', '营业厅'],
    related: ['hall-finder-how-to', 'self-service-terminal-payment'],
  }),
];
