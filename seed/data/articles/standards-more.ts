import { zh } from './types.js';
import type { SeedArticle } from './types.js';

/** Service standards in detail, retention in practice, finding answers fast (Chinese). */
export const standardsMoreZh: SeedArticle[] = [
  zh({
    slug: 'phone-greeting-script',
    title: '接听电话的开场白和结束语',
    summary:
      '电话接起立即问候并报工号，不让用户等待；结束时确认是否还有其他需要，道别后等用户先挂机，随后马上记录通话。',
    body: `## 开场

- 铃响后立即接起，马上问候：“您好，X 号为您服务，请问有什么可以帮您？”
- 不要先忙完手头的事再接。

## 通话中

- 需要查询时告诉用户要多久：“请稍等，我帮您查一下，大约一分钟。”
- 等待超过预计时间，回来说明进展，不让用户干等。
- 复述确认：“您是说……，对吗？”

## 结束

- “请问还有其他可以帮您的吗？”
- “感谢您的来电，再见。”等用户先挂机。
- 挂机后立即记录通话内容。

见[电话服务礼仪](phone-etiquette)。`,
    category: 'service-standards/phone-etiquette',
    tags: ['开场白', '结束语', '电话礼仪', '话术'],
    related: ['phone-etiquette'],
  }),
  zh({
    slug: 'phone-hold-transfer',
    title: '通话中让用户等待或转接的规范',
    summary:
      '让用户等待前先说明原因和时长，等待中定时回来说明进展；转接前告诉用户转给谁、为什么，避免用户重复说明问题。',
    body: `## 等待

1. 说明原因和大约时长。
2. 征得用户同意再让其等待。
3. 超过预计时间回到线上说明进展，可提出稍后回电。

## 转接

1. 告诉用户要转到哪个部门、为什么。
2. 把问题要点转告接手的同事，用户不用再讲一遍。
3. 无法转接时，记录问题并承诺回电时间。

## 禁忌

长时间静音不说明、不告知就转接、转接后断线。`,
    category: 'service-standards/phone-etiquette',
    tags: ['等待', '转接', '电话礼仪'],
    related: ['phone-etiquette', 'phone-greeting-script'],
  }),
  zh({
    slug: 'average-service-time',
    title: '平均服务时长不超过5分钟：怎么做到',
    summary:
      '营业厅咨询服务目标要求平均服务时长不超过5分钟；做到的关键是先问清需求、熟练使用知识库搜索和速查卡、能线上办的引导线上办。',
    body: `## 目标

平均每位用户的服务时长不超过 5 分钟，同时满意度不低于 95%，问题解答率 100%。

## 做法

1. **先问清需求**：一次问到位，避免来回追问。
2. **善用知识库**：用错误代码或关键词搜索，直接打开对应文章。
3. **用速查卡**：常见问题记在速查卡上，见[厅内咨询速查卡](hall-consultation-quick-card-2025)。
4. **分流**：缴费引导到自助终端，查询引导到手机营业厅。

## 不要为了时长牺牲质量

每个问题都要有答复或解决方案。`,
    category: 'service-standards/targets',
    tags: ['服务时长', '5分钟', '服务目标'],
    related: ['service-targets', 'knowledge-base-search-tips'],
  }),
  zh({
    slug: 'complaint-rate-target',
    title: '投诉率不高于1%和满意度不低于95%',
    summary:
      '营业厅咨询服务目标中，投诉率不高于1%、满意度不低于95%；降低投诉率靠首问负责和当场解决，而不是劝用户不投诉。',
    body: `## 四项目标

| 指标 | 目标 |
| --- | --- |
| 满意度 | ≥ 95% |
| 问题解答或给出方案 | 100% |
| 平均服务时长 | ≤ 5 分钟 |
| 投诉率 | ≤ 1% |

## 降低投诉率的正确做法

- 首问负责，当场能解决的不拖延；
- 不能解决的给出明确时间；
- 回访已处理的问题。

## 错误做法

劝阻、拖延或不登记用户的投诉，会让问题更严重。`,
    category: 'service-standards/targets',
    tags: ['投诉率', '满意度', '服务目标'],
    related: ['service-targets', 'first-contact-responsibility'],
  }),
  zh({
    slug: 'retention-rate-worked-example',
    title: '客户保有率计算示例',
    summary: '用一个例子说明保有率公式：本月计费用户数 ÷（上年末计费用户数 + 本年累计新增用户数）。',
    body: `## 公式

保有率 = 本月计费用户数 ÷（上年末计费用户数 + 本年累计新增用户数）

## 示例

某营业部上年末计费用户 10,000 户，今年到 6 月累计新增 2,000 户，6 月计费用户 11,400 户：

保有率 = 11,400 ÷（10,000 + 2,000）= 95%

## 怎么看

- 保有率越高，流失越少；
- 新增多而保有率下降，说明流失也在增加，要查流失原因。

见[客户保有率](customer-retention-rate)。`,
    category: 'retention',
    tags: ['保有率', '维系率', '计算', '示例'],
    audience: 'INTERNAL',
    related: ['customer-retention-rate'],
  }),
  zh({
    slug: 'unhappy-customers-silent',
    title: '不投诉的不满客户更容易流失',
    summary:
      '只有约4%的不满客户会投诉；从不投诉的不满客户只有9%会再回来，所以主动发现不满、认真处理投诉比减少投诉数量更重要。',
    body: `## 数据

- 约 4% 的不满客户会投诉，其余默默离开；
- 从不投诉的不满客户，只有 9% 会回头；
- 投诉被很快解决的客户，82% 会回头。

## 对一线的启示

1. 把每一次投诉当作挽留客户的机会；
2. 主动询问“还有什么不满意的地方吗”；
3. 处理完及时回访。

见[投诉课程数据](complaint-course-figures)。`,
    category: 'retention',
    tags: ['不满客户', '流失', '挽留'],
    related: ['complaint-course-figures', 'retention-through-complaints'],
  }),
  zh({
    slug: 'knowledge-base-error-code-search',
    title: '知识库搜索技巧：直接输入错误代码',
    summary:
      '查宽带拨号故障时，直接在知识库搜索框输入错误代码（如691、678）最快，带有该代码的文章会排在最前；也可以加上几个关键词。',
    body: `## 推荐输入

- 只输入代码：691；
- 代码加关键词：宽带 678 重启；
- 用户原话也可以：拨号提示 734 怎么办。

## 为什么有效

文章登记了错误代码，搜索时带有该代码的文章会优先显示。

## 找不到时

- 检查代码是否听错：请用户逐位念出提示原文；
- 换成用户描述的现象搜索，如“连不上”“掉线”；
- 见[知识库搜索技巧](knowledge-base-search-tips)。`,
    category: 'knowledge-base',
    tags: ['搜索', '错误代码', '知识库', '技巧'],
    audience: 'INTERNAL',
    related: ['knowledge-base-search-tips', 'dialup-error-quick-card'],
  }),
  zh({
    slug: 'knowledge-base-feedback',
    title: '发现知识库文章有误怎么反馈',
    summary:
      '座席发现文章内容过时或有误，可在文章上“报告问题”并写明原因，编辑处理后文章经审核重新发布；好用的文章可以点“有帮助”。',
    body: `## 报告问题

1. 打开文章，点击“报告问题”。
2. 选择原因：内容错误、已过时、难以理解等。
3. 写明具体哪里有问题，最好附上正确说法的依据。

## 之后会怎样

编辑会看到反馈并修改文章，修改稿经审核员审核后发布，座席看到的始终是已发布的版本。

## 评价文章

文章解决了问题，点“有帮助”；没解决，点“没帮助”并留言。反馈越多，文章越准确。`,
    category: 'knowledge-base',
    tags: ['反馈', '报告问题', '知识库', '审核'],
    audience: 'INTERNAL',
    related: ['knowledge-base-article-lifecycle', 'knowledge-base-functions'],
  }),
];
