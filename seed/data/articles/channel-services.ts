import { zh } from './types.js';
import type { SeedArticle } from './types.js';

/** What each electronic and direct channel does for a customer, and its service codes (Chinese). */
export const channelServicesZh: SeedArticle[] = [
  zh({
    slug: 'sms-401-change-password',
    title: '短信401修改服务密码',
    summary:
      '用户记得原服务密码、想换一个新密码时，可编辑短信“401”按提示发送到客服热线号码修改；记不得原密码应使用405重置。',
    body: `## 适用情况

用户知道当前的服务密码，只是想换成新的。

## 操作方法

1. 用需要修改密码的手机号码编辑短信 **401**，按提示的格式附上原密码和新密码。
2. 发送到本网客服热线号码。
3. 收到修改成功的回复短信即完成。

## 注意

- 忘记原密码不能用 401，应使用[短信405重置服务密码](sms-405-reset-password)；
- 不方便发短信的，可拨打语音 **1001031** 按提示修改，见[语音1001031修改密码](voice-1001031-password)；
- 新密码不要用生日、连续或重复的数字。`,
    category: 'channels/electronic/service-codes',
    tags: ['401', '服务密码', '短信', '修改密码'],
    related: ['sms-405-reset-password', 'voice-1001031-password', 'sms-service-codes'],
  }),
  zh({
    slug: 'sms-405-reset-password',
    title: '短信405重置服务密码（忘记服务密码）',
    summary:
      '忘记手机服务密码时，用本机编辑短信“405”发送到客服热线号码，按回复提示完成重置；新密码通过短信下发或按提示设置。',
    body: `## 适用情况

用户忘记了服务密码，无法登录手机营业厅或办理需要密码验证的业务。

## 操作方法

1. 用本机号码编辑短信 **405** 发送到客服热线号码。
2. 按回复短信的提示完成身份验证和重置。
3. 重置后建议尽快用 [401](sms-401-change-password) 改成自己好记的新密码。

## 不能用短信重置时

- 手机不在身边或号码已停机：机主携带有效身份证件到营业厅办理；
- 多次重置失败：到营业厅核实身份后重置。

## 提醒

服务密码是办业务、查详单的身份凭证，不要告诉他人，座席也不会在电话里索要。`,
    category: 'channels/electronic/service-codes',
    tags: ['405', '服务密码', '重置', '忘记密码'],
    related: ['sms-401-change-password', 'service-password-reset', 'sms-service-codes'],
  }),
  zh({
    slug: 'sms-406-app-download',
    title: '短信406获取手机营业厅下载地址',
    summary:
      '想安装手机营业厅客户端的用户，用手机编辑短信“406”发送到客服热线号码，回复短信中会带有客户端下载链接。',
    body: `## 操作方法

1. 编辑短信 **406** 发送到客服热线号码。
2. 打开回复短信中的下载链接，按提示安装手机营业厅客户端。
3. 安装后用手机号码和服务密码（或短信验证码）登录。

## 手机不支持安装客户端时

手机营业厅还有 WAP 网页版，任何能上网的手机都能用，只是每次登录都要输入号码和密码，见[手机营业厅WAP版](mobile-hall-wap)。

## 相关

- [手机营业厅能办什么](mobile-business-hall)
- [短信服务代码](sms-service-codes)`,
    category: 'channels/electronic/service-codes',
    tags: ['406', '手机营业厅', '下载', '客户端'],
    related: ['mobile-business-hall', 'mobile-hall-wap', 'sms-service-codes'],
  }),
  zh({
    slug: 'voice-1001031-password',
    title: '语音1001031修改服务密码',
    summary:
      '不方便发短信的用户，可以拨打语音服务号1001031，按语音提示输入原密码和新密码，完成服务密码修改。',
    body: `## 适用情况

老年用户、不会编辑短信的用户，或手机短信功能异常时。

## 操作方法

1. 用本机拨打 **1001031**。
2. 按语音提示输入原服务密码。
3. 输入两次新密码并确认。
4. 听到修改成功的提示后挂机。

## 注意

- 需要知道原密码；忘记原密码请用[短信405重置](sms-405-reset-password)或到营业厅办理；
- 短信修改方式见[短信401修改服务密码](sms-401-change-password)。`,
    category: 'channels/electronic/service-codes',
    tags: ['1001031', '语音', '服务密码', '修改密码'],
    related: ['sms-401-change-password', 'sms-405-reset-password'],
  }),
  zh({
    slug: 'hotline-numbers',
    title: '客服热线号码一览：10010、10000、10086',
    summary:
      '三家运营商的客服热线分别是10010、10000和10086；热线提供咨询、查询、业务办理、故障报修和投诉受理，是最常用的电子渠道。',
    body: `## 热线号码

| 号码 | 说明 |
| --- | --- |
| 10010 | 客户服务热线 |
| 10000 | 客户服务热线 |
| 10086 | 客户服务热线 |

用户拨打本网的热线号码即可，本网手机拨打免费与否以当地资费为准。

## 热线能办什么

- 话费、余额、套餐使用情况查询；
- 业务咨询和部分业务办理；
- 宽带和通信故障报修；
- 投诉和建议受理（通话全程录音）。

## 短信服务代码

发送到热线号码的短信代码：401 修改服务密码、405 重置服务密码、406 获取手机营业厅下载地址，见[短信服务代码](sms-service-codes)。`,
    category: 'channels/electronic',
    tags: ['客服热线', '10010', '10000', '10086'],
    related: ['hotline-online-weibo', 'sms-service-codes'],
  }),
  zh({
    slug: 'sms-business-hall',
    title: '短信营业厅（短厅）能办什么',
    summary:
      '短信营业厅就是用短信办业务：把约定的指令发到客服热线号码，就能改密码、重置密码、获取手机营业厅下载地址等，任何手机都能用。',
    body: `## 什么是短信营业厅

短信营业厅（常简称“短厅”）是电子渠道的一种，用户发送指令短信到客服热线号码，系统自动回复处理结果。不需要上网，也不需要智能手机。

## 常用指令

| 指令 | 作用 |
| --- | --- |
| 401 | 修改服务密码（需原密码） |
| 405 | 重置服务密码（忘记密码时） |
| 406 | 获取手机营业厅下载地址 |

## 优点和不足

- 优点：随时可用，老人机也能操作；
- 不足：指令要记准，复杂业务仍需到手机营业厅、网上营业厅或营业厅办理。

详见[短信服务代码](sms-service-codes)。`,
    category: 'channels/electronic',
    tags: ['短信营业厅', '短厅', '指令', '电子渠道'],
    related: ['sms-service-codes', 'electronic-channels-overview'],
  }),
  zh({
    slug: 'mobile-hall-bill-query',
    title: '手机营业厅怎么查话费和账单',
    summary:
      '在手机营业厅（手厅）登录后，首页即可看到话费余额，“账单查询”里按月查看账单，“详单查询”可查每一笔通话、短信和流量记录。',
    body: `## 查余额

登录手机营业厅，首页显示当前话费余额和本月已产生的费用。

## 查月账单

1. 进入“查询”→“账单查询”。
2. 选择月份，查看套餐费、超出费用、增值业务费等明细。

## 查详单（清单）

1. 进入“详单查询”。
2. 选择月份和类型（通话、短信、上网）。
3. 查询详单需要再次验证服务密码或短信验证码，详见[手机营业厅查询详单](mobile-hall-itemised-bill)。

## 对账单有疑问

记录有疑问的项目和时间，通过客服热线或营业厅核查；确有错误的按账务流程处理。`,
    category: 'channels/electronic',
    tags: ['手机营业厅', '话费查询', '账单', '余额'],
    related: ['mobile-business-hall', 'mobile-hall-itemised-bill'],
  }),
  zh({
    slug: 'mobile-hall-itemised-bill',
    title: '手机营业厅查询详单（通话、短信、流量清单）',
    summary:
      '详单是每一笔通话、短信和上网记录的清单，在手机营业厅“详单查询”中按月查看；因涉及隐私，查询前需二次验证服务密码或验证码。',
    body: `## 查询步骤

1. 登录手机营业厅，进入“查询”→“详单查询”。
2. 输入服务密码或短信验证码完成二次验证。
3. 选择月份和类别（通话详单、短信详单、上网详单）。

## 常见问题

- **忘记服务密码**：用[短信405重置服务密码](sms-405-reset-password)；
- **看不懂某笔扣费**：记录时间和金额，咨询客服热线；
- **需要盖章的纸质详单**：机主携带有效身份证件到营业厅打印。

## 隐私提醒

详单只向机主本人提供，座席不得向非机主透露通话记录。`,
    category: 'channels/electronic',
    tags: ['详单', '清单', '手机营业厅', '查询'],
    related: ['mobile-hall-bill-query', 'sms-405-reset-password'],
  }),
  zh({
    slug: 'mobile-hall-package-change',
    title: '手机营业厅变更套餐',
    summary:
      '用户可以在手机营业厅的“套餐变更”中查看可选套餐并提交变更，一般下月生效；变更前提醒用户了解新套餐的内容和合约限制。',
    body: `## 操作步骤

1. 登录手机营业厅，进入“办理”→“套餐变更”。
2. 查看当前套餐和可变更的套餐列表。
3. 选择新套餐，阅读资费说明后确认提交。
4. 收到受理成功短信。

## 生效时间

多数套餐变更次月生效，具体以页面提示为准。

## 不能在线变更的情况

- 处于合约期内、有保底消费的套餐；
- 账户欠费；
- 融合套餐（含宽带）的部分变更。

以上情况请到营业厅办理或拨打客服热线咨询。`,
    category: 'channels/electronic',
    tags: ['套餐变更', '手机营业厅', '办理'],
    related: ['mobile-business-hall', 'mobile-hall-usage'],
  }),
  zh({
    slug: 'mobile-hall-usage',
    title: '套餐余量查询：还剩多少流量和通话分钟',
    summary:
      '在手机营业厅首页或“套餐使用情况”中查看本月套餐内流量、通话分钟数和短信的已用量与剩余量，也可拨打客服热线查询。',
    body: `## 在手机营业厅查

1. 登录后首页显示本月剩余流量、剩余通话分钟数。
2. 点“套餐使用情况”查看每一项的总量、已用和剩余。

## 其他渠道

- 拨打客服热线按语音提示查询；
- 到营业厅请工作人员查询。

## 常见疑问

- **显示的用量和实际不符**：用量统计有一定延迟，稍后再查；
- **流量用超**：超出部分按套餐外资费计费，可考虑[变更套餐](mobile-hall-package-change)。`,
    category: 'channels/electronic',
    tags: ['余量', '流量', '套餐', '手机营业厅'],
    related: ['mobile-hall-package-change', 'mobile-business-hall'],
  }),
  zh({
    slug: 'mobile-hall-points',
    title: '积分怎么查、怎么用',
    summary: '积分可在手机营业厅“积分查询”中查看余额和明细，并在积分商城兑换；积分规则以当地公布为准。',
    body: `## 查询积分

1. 登录手机营业厅，进入“我的”→“积分”。
2. 查看可用积分、即将到期的积分和积分明细。

## 使用积分

- 在积分商城兑换话费、流量或礼品；
- 兑换前看清兑换规则和有效期。

## 常见问题

- **积分少了**：查看积分明细中的到期清零和兑换记录；
- **积分兑换失败**：记录时间和商品，咨询客服热线。`,
    category: 'channels/electronic',
    tags: ['积分', '兑换', '手机营业厅'],
    related: ['mobile-business-hall'],
  }),
  zh({
    slug: 'mobile-hall-top-up',
    title: '话费充值和缴费渠道',
    summary:
      '充值缴费可以用手机营业厅、网上营业厅在线支付，也可以到营业厅柜台、自助服务终端办理，小型营业厅同样提供缴费服务。',
    body: `## 在线充值

- 手机营业厅：“充值缴费”，输入号码和金额，在线支付；
- 网上营业厅：登录后进入“缴费”页面。

## 线下缴费

- 营业厅柜台（旗舰厅、标准厅、小型厅都能缴费）；
- 自助服务终端，见[自助终端缴费](self-service-terminal-payment)；
- 合作营业厅、代理点。

## 注意

- 充值前核对号码，充错号码难以退回；
- 欠费停机的号码缴清后自动恢复。`,
    category: 'channels/electronic',
    tags: ['充值', '缴费', '话费', '手机营业厅'],
    related: ['self-service-terminal-payment', 'broadband-arrears-suspension'],
  }),
  zh({
    slug: 'mobile-hall-wap',
    title: '手机营业厅WAP版：不装客户端也能用',
    summary:
      '手机营业厅有客户端和WAP网页两种形式：客户端方便但需要智能手机；WAP版任何能上网的手机都能打开，但每次登录都要输入号码和密码。',
    body: `## 两种形式对比

| | 客户端（App） | WAP 版 |
| --- | --- | --- |
| 手机要求 | 智能手机 | 能上网的任何手机 |
| 登录 | 可保持登录 | 每次输入号码和密码 |
| 功能 | 最全 | 常用查询和办理 |

## 推荐给谁

- 老人机、功能机用户：推荐 WAP 版；
- 智能手机用户：推荐客户端，发送短信 406 获取下载地址，见[短信406](sms-406-app-download)。`,
    category: 'channels/electronic',
    tags: ['WAP', '手机营业厅', '登录'],
    related: ['mobile-business-hall', 'sms-406-app-download'],
  }),
  zh({
    slug: 'web-hall-complaint',
    title: '在网上营业厅提交投诉和建议',
    summary:
      '网上营业厅（网厅）设有“投诉建议”栏目，用户登录后填写问题类型和经过即可提交，可在网厅查看处理进度。',
    body: `## 提交步骤

1. 登录网上营业厅，进入“投诉建议”。
2. 选择问题类型（移动业务、数据及固网业务、增值业务等）。
3. 写清问题经过、时间、涉及号码，可上传截图。
4. 提交后记下受理编号。

## 处理与答复

网厅受理的投诉与其他渠道一样按投诉等级答复，见[投诉等级与答复时限](complaint-grades-deadlines)。用户可在网厅“我的投诉”里查看进度。

## 建议和表扬

建议和表扬同样可在此提交，会转给相关部门。`,
    category: 'channels/electronic',
    tags: ['网上营业厅', '网厅', '投诉', '建议'],
    related: ['web-business-hall', 'complaint-grades-deadlines', 'complaint-intake-channels'],
  }),
  zh({
    slug: 'web-hall-online-business',
    title: '网上营业厅能办哪些业务',
    summary: '网上营业厅（网厅）提供信息查询、业务咨询、投诉建议、优惠活动和在线业务办理，适合在电脑上操作。',
    body: `## 五类功能

1. **信息查询**：话费、账单、详单、套餐余量；
2. **业务咨询**：资费说明、业务规则；
3. **投诉建议**：在线提交并查看进度，见[在网上营业厅提交投诉](web-hall-complaint)；
4. **优惠活动**：查看当前促销活动；
5. **在线办理**：套餐变更、增值业务开通与退订、宽带新装预约等。

## 登录方式

用手机号码加服务密码或短信验证码登录。忘记服务密码用[短信405重置](sms-405-reset-password)。

## 办不了的业务

需要核验证件原件的业务（如过户、补卡）请到营业厅办理。`,
    category: 'channels/electronic',
    tags: ['网上营业厅', '网厅', '在线办理'],
    related: ['web-business-hall', 'web-hall-complaint'],
  }),
  zh({
    slug: 'online-chat-service',
    title: '在线客服怎么用',
    summary:
      '在线客服在网上营业厅、手机营业厅和官网上提供文字咨询，适合查询和一般咨询；涉及身份核验的业务会引导到热线或营业厅。',
    body: `## 入口

- 手机营业厅、网上营业厅页面上的“在线客服”；
- 官方网站的客服入口。

## 适合处理

- 业务规则、资费咨询；
- 查询类问题；
- 故障报修登记。

## 座席要点

- 文字回复简明，分步骤写；
- 需要核验身份或较复杂的业务，引导用户拨打热线或到营业厅；
- 会话结束前确认问题是否解决。`,
    category: 'channels/electronic',
    tags: ['在线客服', '文字客服', '电子渠道'],
    related: ['hotline-online-weibo', 'electronic-channels-overview'],
  }),
  zh({
    slug: 'self-service-terminal-payment',
    title: '自助终端缴费和打印发票',
    summary: '营业厅和自助服务店里的自助服务终端可以缴话费、宽带费，查询账单，部分终端还能打印发票和详单。',
    body: `## 能办什么

- 现金或扫码缴纳话费、宽带费；
- 查询余额和账单；
- 打印发票、详单（需验证服务密码）。

## 操作步骤（缴费）

1. 在终端首页选择“缴费”。
2. 输入号码并确认。
3. 投入现金或扫码支付。
4. 取走凭条。

## 常见问题

- 终端吞钞或未到账：保留凭条，联系厅内工作人员或客服热线；
- 终端不能办理的业务，请到柜台办理。`,
    category: 'channels/electronic',
    tags: ['自助终端', '缴费', '发票', '自助服务'],
    related: ['self-service-terminals', 'mobile-hall-top-up'],
  }),
  zh({
    slug: 'mini-terminal',
    title: 'MINI终端是什么',
    summary:
      'MINI终端是体积较小的自助设备，部署在社区、校园、合作网点等地方，提供缴费和常用查询，是自助服务终端的补充。',
    body: `## 定位

MINI 终端属于电子渠道，比营业厅里的大型自助终端小，放在人流集中的社区、校园、商超和合作网点，方便用户就近自助办理。

## 常见功能

- 话费充值缴费；
- 余额、账单查询；
- 部分终端支持业务查询和简单办理。

## 与自助服务终端的区别

大型自助服务终端功能更全（如打印发票），MINI 终端以缴费和查询为主，见[自助服务终端](self-service-terminals)。`,
    category: 'channels/electronic',
    tags: ['MINI终端', '自助', '电子渠道'],
    related: ['self-service-terminals', 'self-service-terminal-payment'],
  }),
  zh({
    slug: 'community-manager',
    title: '社区经理：服务社区用户的直销渠道',
    summary: '社区经理属于直销渠道，负责所辖社区的客户走访、业务宣传和上门服务，是营业厅服务半径之外的补充。',
    body: `## 职责

- 走访所辖社区，了解用户需求；
- 宣传新业务，协助用户办理；
- 收集用户意见建议，反馈给营业厅和相关部门；
- 配合装维人员处理社区内的批量故障。

## 与客户经理的区别

集团客户经理、中小企业客户经理和 VIP 客户经理服务的是特定客户群，社区经理按地域服务社区内的公众客户，见[直销渠道与客户经理](direct-sales-account-managers)。`,
    category: 'channels/direct-sales',
    tags: ['社区经理', '直销渠道', '上门服务'],
    related: ['direct-sales-account-managers'],
  }),
  zh({
    slug: 'vip-account-manager',
    title: 'VIP客户经理服务内容',
    summary: 'VIP客户经理为高价值个人客户提供一对一服务：业务咨询和办理、账单解读、故障和投诉的跟进协调。',
    body: `## 服务内容

- 一对一的业务咨询和办理预约；
- 账单解读和资费优化建议；
- 故障报修和投诉的全程跟进；
- 新业务、优惠活动的告知。

## 座席注意

VIP 客户来电提出需要客户经理跟进的事项，记录后转交其客户经理，并告知客户预计联系时间。`,
    category: 'channels/direct-sales',
    tags: ['VIP', '客户经理', '直销渠道'],
    audience: 'INTERNAL',
    related: ['direct-sales-account-managers', 'key-account-complaint-practice'],
  }),
  zh({
    slug: 'group-customer-account-manager',
    title: '集团客户经理和中小企业客户经理',
    summary:
      '集团客户经理服务大型政企客户，中小企业客户经理服务中小企业，负责需求对接、方案、开通和售后协调；标准营业厅可承担客户经理属地服务。',
    body: `## 分工

| 角色 | 服务对象 | 主要工作 |
| --- | --- | --- |
| 集团客户经理 | 大型政企客户 | 需求对接、整体方案、重大故障协调 |
| 中小企业客户经理 | 中小企业 | 标准化产品推荐、开通、售后 |

## 与营业厅的配合

标准营业厅除营销、销售、服务外，还可承担区域营销和客户经理的属地化服务，集团客户也可以到厅办理业务。

## 大客户投诉

大客户的投诉由省公司集中受理、省市分级处理，见[大客户投诉处理实践](key-account-complaint-practice)。`,
    category: 'channels/direct-sales',
    tags: ['集团客户', '中小企业', '客户经理'],
    audience: 'INTERNAL',
    related: ['direct-sales-account-managers', 'key-account-complaint-practice'],
  }),
  zh({
    slug: 'social-channel-types',
    title: '合作营业厅、专营店和代理点有什么不同',
    summary:
      '社会渠道由第三方经营，分为合作营业厅、专营店和代理点三类；它们不是运营商自有营业厅，可办理的业务范围以授权为准。',
    body: `## 三类社会渠道

| 类型 | 特点 |
| --- | --- |
| 合作营业厅 | 第三方经营、按运营商形象建设，业务较全 |
| 专营店 | 专门经营运营商业务和终端的店铺 |
| 代理点 | 便利店、手机店等代理部分业务，如充值、办卡 |

## 与自有他营厅的区别

自有他营厅的场地属于运营商，只是交给合作方经营；社会渠道的场地和经营都属于第三方，见[自有他营厅](partner-operated-halls)。

## 用户问“在代理点办的业务能不能到营业厅处理”

可以咨询和查询；涉及代理点的承诺或收费争议，记录后按投诉流程处理。`,
    category: 'channels/social',
    tags: ['合作营业厅', '专营店', '代理点', '社会渠道'],
    related: ['social-channels', 'partner-operated-halls'],
  }),
  zh({
    slug: 'roster-channel-thresholds',
    title: '名单制渠道入选门槛：面积和月销量',
    summary:
      '内部规则：社会渠道进入名单制须营业面积不少于30平方米，单店月均手机新增用户省会分公司不少于250户、其他地区不少于100户。',
    body: `## 入选条件

1. 在 BSS/ESS 等业务系统中有完整的工号和权限，能销售全部移动业务；
2. 所有自有营业厅（自营、他营）无条件入选；
3. 社会渠道优先选择销量靠前的门店、大型连锁和战略合作伙伴，并满足：
   - 营业面积 **不少于 30 平方米**；
   - 单店月均手机新增用户：省会城市分公司 **不少于 250 户**，其他地区 **不少于 100 户**。

## 布局要求

人口超过 3 万的县至少有一家名单制渠道；人口较少的县可选一家中心渠道覆盖。

## 示例

某市首批名单制渠道 30 家，其中自有营业厅 4 家、社会渠道 26 家。`,
    category: 'channels/social',
    tags: ['名单制', '渠道管理', '门槛'],
    audience: 'INTERNAL',
    related: ['roster-channels-rules', 'social-channels'],
  }),
];
