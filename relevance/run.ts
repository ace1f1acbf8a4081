/**
 * `npm run relevance`: runs the judged query set (tests/relevance/queries.json) through the real
 * GraphQL `searchArticles`, as the public or as an agent, and through Meilisearch with default
 * settings over the same articles; prints top-1, top-3, MRR and nDCG@5 per category and overall,
 * and writes a JSON report. `--check` compares with tests/relevance/baseline.json and exits 1 on a
 * drop beyond its margins; `--update-baseline` rewrites that file; `--misses` lists what failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDefaultIndex, publishedArticles } from './default-index.js';
import type { DefaultIndex } from './default-index.js';
import { openInstance } from './instance.js';
import type { Instance } from './instance.js';
import { answerLanguage, loadQueries } from './judgements.js';
import type { JudgedQuery } from './judgements.js';
import { gradesOf, METRICS, score } from './metrics.js';
import type { Hit, Scores } from './metrics.js';
import { compareWithBaseline, summarise, type Baseline, type Summary } from './baseline.js';
import { answerFigures, compareAnswers, loadSpellingCases } from './answers.js';
import type { AnswerFigures, Extras, SpellingCase } from './answers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const QUERIES = path.join(ROOT, 'tests/relevance/queries.json');
const SPELLING_CASES = path.join(ROOT, 'tests/relevance/did-you-mean.json');
const DEFAULT_BASELINE = path.join(ROOT, 'tests/relevance/baseline.json');
const DEPTH = 10;

interface Options {
  check: boolean;
  updateBaseline: boolean;
  misses: boolean;
  report: string;
  baseline: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    check: false,
    updateBaseline: false,
    misses: false,
    report: path.join(ROOT, '.data/relevance-report.json'),
    baseline: DEFAULT_BASELINE,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--update-baseline') options.updateBaseline = true;
    else if (arg === '--misses') options.misses = true;
    else if (arg === '--report') options.report = path.resolve(argv[++i] ?? options.report);
    else if (arg === '--baseline') options.baseline = path.resolve(argv[++i] ?? options.baseline);
    else
      throw new Error(
        `unknown argument ${arg}: use --check, --update-baseline, --misses, --report FILE, --baseline FILE`,
      );
  }
  return options;
}

const SEARCH = `query ($q: String!, $first: Int) {
  searchArticles(query: $q, first: $first) {
    edges { node { slug locale } }
    answerCard { article { slug } }
    didYouMean { query }
  }
}`;

interface Searched {
  edges: Array<{ node: Hit }>;
  answerCard: { article: { slug: string } } | null;
  didYouMean: { query: string } | null;
}

function poster(endpoint: string) {
  return async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) {
      throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  };
}

async function serviceHits(
  instance: Instance,
  queries: Array<Pick<JudgedQuery, 'query' | 'as'>>,
): Promise<{ hits: Hit[][]; extras: Extras[] }> {
  const post = poster(instance.endpoint);
  const results: Hit[][] = new Array<Hit[]>(queries.length);
  const extras: Extras[] = new Array<Extras>(queries.length);
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const i = next++;
      const q = queries[i] as JudgedQuery;
      const token = q.as === 'agent' ? instance.tokens.agent : undefined;
      const data = await post<{ searchArticles: Searched | null }>(
        SEARCH,
        { q: q.query, first: DEPTH },
        token,
      );
      results[i] = (data.searchArticles?.edges ?? []).map(({ node }) => ({
        slug: node.slug,
        locale: node.locale === 'EN' ? 'en' : 'zh-CN',
      }));
      extras[i] = {
        card: data.searchArticles?.answerCard?.article.slug ?? null,
        didYouMean: data.searchArticles?.didYouMean?.query ?? null,
      };
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return { hits: results, extras };
}

function printAnswers(figures: AnswerFigures, baseline: AnswerFigures | undefined): void {
  const was = (value: number | undefined) => (value === undefined ? '' : ` (baseline ${value.toFixed(3)})`);
  process.stdout.write(
    `\n答案卡片 answer cards: ${figures.cards} shown, on the answer ${figures.cardPrecision.toFixed(3)}${was(baseline?.cardPrecision)}, ` +
      `coverage ${figures.cardCoverage.toFixed(3)} of answerable queries, ${figures.cardsOnNoAnswer} on no-answer queries\n` +
      `你是不是要找 did you mean: ${figures.didYouMean.toFixed(3)} of ${figures.didYouMeanCases} cases as expected${was(baseline?.didYouMean)}\n`,
  );
}

function fmt(value: number | undefined): string {
  return value === undefined ? '   -  ' : value.toFixed(3).padStart(6);
}

/** Pads to a width on screen: CJK characters take two columns. */
function pad(text: string, width: number): string {
  const wide = [...text].filter((char) => /[\u3000-\u9fff\uff00-\uffef]/.test(char)).length;
  return text + ' '.repeat(Math.max(0, width - text.length - wide));
}

function printTable(service: Summary, fallback: Summary | undefined): void {
  const cells = (s: Scores | undefined) => METRICS.map((m) => fmt(s?.[m])).join(' ');
  const head = METRICS.map((m) => m.padStart(6)).join(' ');
  const out: string[] = [
    '',
    `${pad('', 24)}${pad('服务 service', 28)}   ${pad('默认 Meilisearch default', 28)}`,
    `${pad('类别 category', 19)}${'n'.padStart(4)} ${head}   ${head}`,
  ];
  const rows: Array<[string, Scores & { n: number }, Scores | undefined]> = [
    ...Object.entries(service.categories).map(
      ([name, s]): [string, Scores & { n: number }, Scores | undefined] => [
        name,
        s,
        fallback?.categories[name],
      ],
    ),
    ['总计 OVERALL', service.overall, fallback?.overall],
  ];
  for (const [name, s, d] of rows)
    out.push(`${pad(name, 19)}${String(s.n).padStart(4)} ${cells(s)}   ${cells(d)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const queries = loadQueries(QUERIES);
  process.stdout.write(`relevance lab: ${queries.length} judged queries; starting...\n`);
  const instance = await openInstance();
  let defaults: DefaultIndex | undefined;
  try {
    process.stdout.write(`measuring ${instance.describe}\n`);
    const articles = await publishedArticles(poster(instance.endpoint), instance.tokens.editor);
    const published = new Set(articles.map((a) => `${a.locale}:${a.slug}`));
    const slugs = new Set(articles.map((a) => a.slug));
    for (const q of queries) {
      for (const slug of Object.keys(q.relevant)) {
        if (!slugs.has(slug))
          throw new Error(`query ${q.id} judges ${slug}, which is not a published article`);
      }
    }
    const { hits: served, extras } = await serviceHits(instance, queries);
    const cases: SpellingCase[] = loadSpellingCases(SPELLING_CASES);
    const spelt = (await serviceHits(instance, cases)).extras.map((extra) => extra.didYouMean);
    let defaultHits: Hit[][] | undefined;
    if (instance.meili) {
      defaults = await buildDefaultIndex(instance.meili, `${instance.labPrefix}default`, articles);
      defaultHits = await defaults.search(queries, DEPTH);
    } else {
      process.stdout.write('no Meilisearch for the default comparison (set RELEVANCE_MEILI_URL)\n');
    }

    const scoreAll = (hits: Hit[][]) =>
      queries.map((q, i) => score(q, gradesOf(q, hits[i] ?? [], answerLanguage(q), published)));
    const serviceScores = scoreAll(served);
    const defaultScores = defaultHits ? scoreAll(defaultHits) : undefined;
    const service = summarise(queries, serviceScores);
    const fallback = defaultScores ? summarise(queries, defaultScores) : undefined;
    printTable(service, fallback);
    const { figures: answers, wrong: answerMisses } = answerFigures(queries, extras, cases, spelt);
    const committed = JSON.parse(readFileSync(options.baseline, 'utf8')) as Partial<Baseline>;
    printAnswers(answers, committed.answers);

    const perQuery = queries.map((q, i) => ({
      id: q.id,
      category: q.category,
      query: q.query,
      as: q.as,
      service: {
        scores: serviceScores[i],
        hits: (served[i] ?? []).slice(0, 5),
        card: extras[i]?.card ?? null,
      },
      ...(defaultHits
        ? { default: { scores: defaultScores?.[i], hits: (defaultHits[i] ?? []).slice(0, 5) } }
        : {}),
    }));
    if (options.misses) {
      process.stdout.write(
        '\nmisses 未命中 (service top-3 without an answer; no-answer: misleading first):\n',
      );
      for (const row of perQuery.filter((r) => (r.service.scores?.top3 ?? 0) < 1)) {
        const got = row.service.hits.map((h) => `${h.slug}${h.locale === 'en' ? '@en' : ''}`).join(', ');
        process.stdout.write(`  ${row.id} [${row.as}] ${row.query} -> ${got || '(nothing)'}\n`);
      }
      for (const line of answerMisses) process.stdout.write(`  ${line}\n`);
    }
    mkdirSync(path.dirname(options.report), { recursive: true });
    const report = {
      at: new Date().toISOString(),
      target: instance.describe,
      service,
      default: fallback,
      answers,
      didYouMean: cases.map((c, i) => ({
        id: c.id,
        query: c.query,
        expect: c.expect,
        got: spelt[i] ?? null,
      })),
      queries: perQuery,
    };
    writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nreport: ${path.relative(ROOT, options.report)}\n`);

    if (options.updateBaseline) {
      const previous = JSON.parse(
        readFileSync(options.baseline, 'utf8').toString() || '{}',
      ) as Partial<Baseline>;
      const baseline: Baseline = {
        comment: previous.comment ?? '',
        margins: previous.margins ?? { overall: 0.02, category: 0.1 },
        service,
        default: fallback,
        answers,
      };
      writeFileSync(options.baseline, `${JSON.stringify(baseline, null, 2)}\n`);
      process.stdout.write(`baseline updated: ${path.relative(ROOT, options.baseline)}\n`);
    }
    if (options.check) {
      const baseline = JSON.parse(readFileSync(options.baseline, 'utf8')) as Baseline;
      const drops = [
        ...compareWithBaseline(baseline, service),
        ...compareAnswers(baseline.answers, answers, baseline.margins.overall),
      ];
      if (drops.length > 0) {
        process.stdout.write(
          `\nFAILED 相关性下降 relevance dropped below the baseline:\n${drops.map((d) => `  ${d}`).join('\n')}\n`,
        );
        process.exitCode = 1;
      } else {
        process.stdout.write(
          'check passed 检查通过: no top-3, MRR, card precision or did-you-mean drop beyond the margins\n',
        );
      }
    }
  } finally {
    await defaults?.drop().catch(() => undefined);
    await instance.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
