import { zh } from './types.js';
import type { SeedArticle } from './types.js';

/** Complaint handling in practice: each grade, work orders, first-contact responsibility (Chinese). */
export const complaintHandlingZh: SeedArticle[] = [
  zh({
    slug: 'complaint-general-grade',
    title: '一般投诉：立即答复，最迟24小时',
    summary:
      '一般投诉的对外承诺是平均立即答复、最迟24小时内答复；大多数用户投诉属于这一级，应争取首次接触时当场解决。',
    body: `## 时限

| 项目 | 时限 |
| --- | --- |
| 平均答复 | 立即 |
| 最迟答复 | 24 小时 |

## 处理要点

- 首问负责：谁接到谁负责跟到底，见[首问负责制](first-contact-responsibility)；
- 能当场解决的当场解决，不能的明确告知答复时间；
- 超过 24 小时未答复，投诉可能升级为更高等级。

## 其他等级

省级投诉、全国级投诉的时限见[投诉等级与答复时限](complaint-grades-deadlines)。`,
    category: 'complaints/grades-deadlines',
    tags: ['一般投诉', '答复时限', '24小时'],
    related: ['complaint-grades-deadlines', 'complaint-provincial-grade', 'complaint-national-grade'],
  }),
  zh({
    slug: 'complaint-provincial-grade',
    title: '省级投诉：平均24小时，最迟48小时答复',
    summary: '省级投诉的对外承诺是平均24小时内答复、最迟48小时内答复；需要按时限跟进并保留处理记录。',
    body: `## 时限

| 项目 | 时限 |
| --- | --- |
| 平均答复 | 24 小时 |
| 最迟答复 | 48 小时 |

## 处理要点

1. 接单后立即核实投诉内容，联系用户了解诉求。
2. 涉及多个部门的，牵头部门负责协调，不得推诿。
3. 在 48 小时内给用户明确答复，并记录在工单中。

## 相关

- [一般投诉](complaint-general-grade)
- [全国级投诉](complaint-national-grade)
- [投诉升级流程](complaint-escalation-procedure)`,
    category: 'complaints/grades-deadlines',
    tags: ['省级投诉', '48小时', '答复时限'],
    related: ['complaint-grades-deadlines', 'complaint-general-grade', 'complaint-national-grade'],
  }),
  zh({
    slug: 'complaint-national-grade',
    title: '全国级投诉：平均48小时，最迟72小时答复',
    summary:
      '全国级投诉是最高等级，对外承诺平均48小时内答复、最迟72小时内答复；应优先处理，全程跟踪并按时回复。',
    body: `## 时限

| 项目 | 时限 |
| --- | --- |
| 平均答复 | 48 小时 |
| 最迟答复 | 72 小时 |

## 处理要点

- 按优先原则处理：重要性、严重性、影响面和紧急程度高的优先；
- 指定专人负责，全程跟踪，不能超时；
- 答复前核对事实和处理结果，答复内容书面留存。

## 相关

[投诉等级与答复时限](complaint-grades-deadlines)、[投诉处理原则](complaint-handling-principles)。`,
    category: 'complaints/grades-deadlines',
    tags: ['全国级投诉', '72小时', '答复时限'],
    related: ['complaint-grades-deadlines', 'complaint-handling-principles'],
  }),
  zh({
    slug: 'first-contact-responsibility',
    title: '首问负责制是什么',
    summary:
      '首问负责是投诉处理的有效性原则：第一个接到用户问题的人负责到底，能解决的当场解决，不能解决的负责转办、跟踪并按时闭环。',
    body: `## 含义

用户第一次找到谁，谁就是“首问责任人”。首问责任人不能说“这不归我管”，要负责把问题办完或交到能办的人手里，并跟踪到结束。

## 怎么做

1. 记录用户问题和联系方式。
2. 能当场解决的当场解决。
3. 不能解决的，转给负责部门，告诉用户转给了谁、多久答复。
4. 跟踪处理进度，到期前确认是否已答复。
5. 问题解决后回访确认，按时闭环。

## 与投诉原则的关系

投诉处理两大原则：优先原则和有效原则；首问负责、按时闭环属于有效原则，见[投诉处理原则](complaint-handling-principles)。`,
    category: 'complaints/intake-process',
    tags: ['首问负责', '投诉原则', '闭环'],
    related: ['complaint-handling-principles'],
  }),
  zh({
    slug: 'complaint-work-order',
    title: '投诉工单怎么填写',
    summary:
      '受理投诉后要填写投诉工单：用户信息、投诉类别和等级、问题经过、用户诉求、已做处理、承诺答复时间，内容要完整准确。',
    body: `## 必填内容

| 字段 | 要求 |
| --- | --- |
| 用户信息 | 号码、姓名、联系电话 |
| 投诉类别 | 移动业务、数据及固网业务、增值业务 |
| 投诉等级 | 一般、省级、全国级 |
| 问题经过 | 时间、地点、经过，用用户原话的要点 |
| 用户诉求 | 用户希望得到的结果 |
| 已做处理 | 受理时已经做了什么 |
| 承诺时间 | 告诉用户的答复时间 |

## 注意

- 写事实，不写评价；
- 营业厅等无录音渠道，附上用户签字的投诉记录；
- 复杂投诉必须写明承诺答复时间。`,
    category: 'complaints/intake-process',
    tags: ['投诉工单', '填写', '受理'],
    audience: 'INTERNAL',
    related: ['complaint-intake-rules', 'complaint-categories'],
  }),
  zh({
    slug: 'complaint-never-argue',
    title: '受理投诉时如何安抚用户：不争辩、先致歉',
    summary: '受理投诉不与用户争辩；公司有过错时主动道歉，先处理情绪再处理问题，耐心倾听并复述确认。',
    body: `## 原则

- 不争辩：即使用户说法有误，也先听完；
- 公司有过错时真诚道歉；
- 先安抚情绪，再解决问题。

## 常用表达

- “非常理解您的心情，给您添麻烦了。”
- “我先把情况记录下来，确认一下是不是这样……”
- “这件事我来跟进，会在约定时间前给您答复。”

## 避免

- “这不是我们的问题”“您肯定弄错了”；
- 用户没说完就打断；
- 承诺做不到的事。

完整电话投诉步骤见[电话投诉处理六步](phone-complaint-steps)。`,
    category: 'complaints/intake-process',
    tags: ['安抚', '道歉', '投诉', '沟通'],
    related: ['phone-complaint-steps', 'complaint-intake-rules'],
  }),
  zh({
    slug: 'complaint-complex-case-promise',
    title: '复杂投诉要向用户承诺答复时间',
    summary:
      '不能当场解决的复杂投诉，受理时要告诉用户明确的答复时间（不超过所属等级的最迟时限），并按时答复或主动说明进展。',
    body: `## 为什么要承诺时间

用户最怕的是“没有下文”。给出明确时间，能减少重复来电和投诉升级。

## 怎么承诺

1. 判断投诉等级，对应最迟答复时限：一般 24 小时、省级 48 小时、全国级 72 小时。
2. 告诉用户具体时间，如“明天下午五点前给您回电”。
3. 写入投诉工单。

## 到时还没结果

到期前主动联系用户说明进展和新的时间，不要等用户来催。`,
    category: 'complaints/intake-process',
    tags: ['复杂投诉', '承诺', '答复时间'],
    related: ['complaint-grades-deadlines', 'complaint-work-order'],
  }),
  zh({
    slug: 'complaint-general-manager-hotline',
    title: '总经理热线受理投诉',
    summary:
      '各级公司设有总经理热线，与客服热线一样是投诉受理渠道；来自总经理热线的投诉应优先处理、按时答复。',
    body: `## 受理渠道中的位置

投诉受理渠道包括：客服热线和各级总经理热线；营业厅、面对面服务中心、客户俱乐部、客户经理等当面渠道；信函、传真、网站和短信。

## 处理要求

- 按用户反映的问题定级，按对应时限答复；
- 涉及服务态度的，核实后向用户反馈处理结果；
- 处理记录完整留存。

见[投诉受理渠道](complaint-intake-channels)。`,
    category: 'complaints/intake-process',
    tags: ['总经理热线', '投诉渠道'],
    audience: 'INTERNAL',
    related: ['complaint-intake-channels'],
  }),
  zh({
    slug: 'complaint-letter-fax-web',
    title: '信函、传真、网站和短信投诉的受理',
    summary: '通过信函、传真、网站或短信提交的投诉同样要登记工单、定级并按时答复；书面投诉原件要留存。',
    body: `## 受理步骤

1. 登记：收到后录入投诉工单，注明来源渠道。
2. 联系用户：按留下的联系方式确认诉求。
3. 定级处理：按一般、省级、全国级时限答复。
4. 留存：信函、传真原件和网站截图归档。

## 注意

书面投诉往往信息不全，联系用户时补齐号码、时间和经过。`,
    category: 'complaints/intake-process',
    tags: ['信函', '传真', '网站', '短信', '投诉'],
    related: ['complaint-intake-channels', 'complaint-work-order'],
  }),
  zh({
    slug: 'value-added-service-complaint',
    title: '增值业务扣费投诉怎么处理',
    summary:
      '用户投诉莫名被扣增值业务费时，先查订购记录和订购渠道，帮用户退订，再按增值业务投诉类别登记处理退费诉求。',
    body: `## 处理步骤

1. 核实身份后查询增值业务订购记录：业务名称、订购时间、订购渠道。
2. 立即帮用户退订不需要的业务，告知退订结果。
3. 用户要求退费：按增值业务投诉登记工单，写明订购记录和用户诉求。
4. 告知答复时限。

## 预防

提醒用户定期在手机营业厅查看已订购业务，不随意点击不明链接、回复不明短信。

投诉三大类别：移动业务、数据及固网业务、增值业务，见[投诉分类](complaint-categories)。`,
    category: 'complaints',
    tags: ['增值业务', '扣费', '退订', '投诉'],
    related: ['complaint-categories', 'complaint-work-order'],
  }),
  zh({
    slug: 'complaint-callback-review',
    title: '投诉处理后的回访',
    summary:
      '投诉处理完要回访用户，确认问题是否解决、对处理是否满意；及时解决的投诉用户回头率可达82%，回访是挽留的关键一步。',
    body: `## 回访内容

1. 问题是否已经解决；
2. 对处理过程和结果是否满意；
3. 还有没有其他需要。

## 为什么值得做

投诉处理课程中的数据：投诉没解决的用户 19% 会回头，解决了的 54%，很快解决的 82%。回访能发现没真正解决的问题。

## 回访不满意

重新打开工单处理，并按原等级时限答复。`,
    category: 'complaints',
    tags: ['回访', '满意度', '投诉'],
    related: ['complaint-course-figures', 'retention-through-complaints'],
  }),
  zh({
    slug: 'key-account-fault-onsite',
    title: '大客户故障和重大投诉：现场处理',
    summary:
      '大客户的故障报修和重大投诉、纠纷要到现场处理，由相关部门共同参与；产品资费咨询和一般投诉通过电话处理。',
    body: `## 需求分四类

| 类别 | 处理方式 |
| --- | --- |
| 产品资费咨询 | 电话 |
| 一般投诉 | 电话 |
| 故障申告 | 现场，相关部门参与 |
| 重大投诉或纠纷 | 现场，相关部门参与 |

## 现场处理要点

- 客户经理牵头，约定时间上门；
- 网络、装维、计费等部门按需到场；
- 处理结果书面记录，请客户确认。

受理在省公司集中，处理按省、市分级，见[大客户投诉处理实践](key-account-complaint-practice)。`,
    category: 'complaints/intake-process',
    tags: ['大客户', '现场处理', '故障', '重大投诉'],
    audience: 'INTERNAL',
    related: ['key-account-complaint-practice', 'group-customer-account-manager'],
  }),
];
