/**
 * Issue 11, what a searcher sees around the hits: "did you mean" for a query that finds nothing, and
 * the answer card on a confident top hit (an error code's causes and steps, a complaint grade's
 * deadlines), never built from what the reader may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let agent: string;

/** An internal article whose words and code exist nowhere else. */
const INTERNAL = {
  title: 'Zorblax console: internal error 9123',
  code: '9123',
};

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  agent = await server.tokenFor(['agent'], 'agent-cards');
  // Created before any search: the spelling vocabulary is built at the first query that finds nothing.
  await buildPublished(server, {
    locale: 'EN',
    category: 'testing/general',
    title: INTERNAL.title,
    summary: 'What agents do when the Zorblax console shows error 9123.',
    body: [
      '## Usual causes',
      '',
      '- The Zorblax session expired.',
      '',
      '## Steps',
      '',
      '1. Sign out of the Zorblax console.',
      '2. Sign in again and retry.',
    ].join('\n'),
    tags: ['zorblax'],
    errorCodes: [INTERNAL.code],
    audience: 'INTERNAL',
  });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface Card {
  kind: string;
  summary: string;
  errorCode: string | null;
  causes: string[];
  steps: string[];
  article: { slug: string; audience: string };
  complaintGrades: Array<{ grade: string; latestAnswerHours: number }>;
  complaintDeadlines: Array<{ grade: string; receivedAt: string; latestBy: string }>;
}
interface Page {
  query: string;
  totalHits: number;
  relaxedQuery: string | null;
  didYouMean: { query: string; hitCount: number } | null;
  answerCard: Card | null;
  edges: Array<{ cursor: string; node: { slug: string } }>;
}

const SEARCH = `query ($q: String!, $after: String) {
  searchArticles(query: $q, first: 5, after: $after) {
    query totalHits relaxedQuery
    didYouMean { query hitCount }
    answerCard {
      kind summary errorCode causes steps
      article { slug audience }
      complaintGrades { grade latestAnswerHours }
      complaintDeadlines { grade receivedAt latestBy }
    }
    edges { cursor node { slug } }
  }
}`;

async function search(q: string, token?: string, after?: string): Promise<Page> {
  const response = await server.graphql<{ searchArticles: Page }>(
    SEARCH,
    { q, after },
    token ? { token } : {},
  );
  return expectData(response).searchArticles;
}

describe('did you mean 你是不是要找', () => {
  it('suggests the right spelling of a Chinese term with a wrong character, and the suggestion answers', async () => {
    const typo = await search('宽代拨号');
    expect(typo.totalHits).toBe(0);
    expect(typo.didYouMean?.query).toBe('宽带拨号');
    // Clicking it searches the suggestion, which finds what the count said.
    const clicked = await search(typo.didYouMean?.query ?? '');
    expect(clicked.totalHits).toBeGreaterThan(0);
    expect(typo.didYouMean?.hitCount).toBeGreaterThanOrEqual(clicked.edges.length);
    expect((await search('密马忘了')).didYouMean?.query).toBe('密码忘了');
  });

  it('corrects English beyond the engine typo tolerance, full-width letters as half-width', async () => {
    expect((await search('pasward')).didYouMean?.query).toBe('password');
    expect((await search('ｐａｓｗａｒｄ')).didYouMean?.query).toBe('password');
  });

  it('is never offered for a query with answers, nor turns a code into another code', async () => {
    const answered = await search('宽带拨号');
    expect(answered.totalHits).toBeGreaterThan(0);
    expect(answered.didYouMean).toBeNull();
    // 692 is one digit off 691, but another code: nothing to suggest.
    const code = await search('692', agent);
    expect(code).toMatchObject({ totalHits: 0, didYouMean: null });
    // Two characters changed is another query (拨号上网), not a typo.
    expect((await search('携号转网')).didYouMean).toBeNull();
  });

  it("spells out an internal article's words to staff only", async () => {
    // Two typos in seven letters: the engine finds nothing; the vocabulary knows `zorblax`.
    expect((await search('zarbalx', agent)).didYouMean?.query).toBe('zorblax');
    const anonymous = await search('zarbalx');
    expect(anonymous).toMatchObject({ totalHits: 0, didYouMean: null });
  });
});

describe('answer cards 答案卡片', () => {
  it("shows an error code's causes and steps from the article, for a bare code", async () => {
    const page = await search('691');
    expect(page.answerCard).toMatchObject({
      kind: 'ERROR_CODE',
      errorCode: '691',
      article: { slug: 'broadband-error-691-619-629' },
    });
    expect(page.answerCard?.summary).toMatch(/^691、619、629多因用户名或密码输错/);
    expect(page.answerCard?.causes).toHaveLength(3);
    expect(page.answerCard?.causes[0]).toMatch(/用户名或密码输入有误/);
    expect(page.answerCard?.steps[0]).toMatch(/^重新输入账号密码/);
    // Markdown emphasis and nested bullets are left out of the steps.
    expect(page.answerCard?.steps.join('')).not.toMatch(/\*\*|套餐到期：/);
  });

  it("computes a complaint grade's deadlines from the complaint policy", async () => {
    const before = Date.now();
    const page = await search('全国级投诉最迟多久回复');
    expect(page.answerCard).toMatchObject({
      kind: 'COMPLAINT_GRADES',
      article: { slug: 'complaint-national-grade' },
      complaintGrades: [{ grade: 'NATIONAL', latestAnswerHours: 72 }],
    });
    const deadline = page.answerCard?.complaintDeadlines[0];
    const received = Date.parse(deadline?.receivedAt ?? '');
    expect(received).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(deadline?.latestBy ?? '') - received).toBe(72 * 3600 * 1000);
    // The overview article is about every grade.
    const overview = await search('complaint deadlines');
    expect(overview.answerCard?.complaintGrades.map((grade) => grade.grade)).toEqual([
      'GENERAL',
      'PROVINCIAL',
      'NATIONAL',
    ]);
  });

  it('is left out when the top hit is not a confident answer, and after the first page', async () => {
    // Several articles answer it about as well: no card.
    const vague = await search('上不了网');
    expect(vague.edges.length).toBeGreaterThan(1);
    expect(vague.answerCard).toBeNull();
    const first = await search('691');
    expect(first.answerCard).not.toBeNull();
    expect((await search('691', undefined, first.edges[0]?.cursor)).answerCard).toBeNull();
    expect((await search('xqzjkwv qwzvjk')).answerCard).toBeNull();
  });

  it('never shows internal content to anonymous callers', async () => {
    const staff = await search(INTERNAL.code, agent);
    expect(staff.answerCard).toMatchObject({
      kind: 'ERROR_CODE',
      errorCode: INTERNAL.code,
      article: { audience: 'INTERNAL' },
      causes: ['The Zorblax session expired.'],
      steps: ['Sign out of the Zorblax console.', 'Sign in again and retry.'],
    });
    const anonymous = await search(INTERNAL.code);
    expect(anonymous).toMatchObject({ totalHits: 0, answerCard: null });
    const { edges, answerCard, didYouMean } = await search('Zorblax console');
    expect(JSON.stringify({ edges, answerCard, didYouMean })).not.toMatch(/zorblax/i);
  });

  it("resolves any field of the card's article, while the hits are viewed from the index", async () => {
    const response = await server.graphql<{
      searchArticles: { answerCard: { article: { title: string; summary: string } } | null };
    }>(
      `query { searchArticles(query: "691", first: 3) {
        answerCard { article { title summary } } edges { node { slug } }
      } }`,
    );
    expect(expectData(response).searchArticles.answerCard?.article).toEqual({
      title: '宽带拨号错误691/619/629：用户名密码错误或账号欠费',
      summary: expect.stringMatching(/^691、619、629多因/),
    });
  });

  it('sends no MongoDB command of its own (facts from the index, cached per article version)', async () => {
    const query = `query ($q: String!) {
      searchArticles(query: $q, first: 5) { answerCard { kind steps article { slug } } edges { node { slug } } }
    }`;
    await server.graphql(query, { q: '678' });
    const codes = ['678', '676', '734', '796', '691', '651', '619', '629'];
    const commands = await server.countCommands(() =>
      Promise.all(codes.map((q) => server.graphql(query, { q }))),
    );
    // At most the look-up of stale articles that searches share (one per quarter second) and the
    // search log's batched write (one at most every half second): fewer than one per search.
    expect(Object.keys(commands).filter((name) => name !== 'find' && name !== 'insert')).toEqual([]);
    expect(commands['find'] ?? 0).toBeLessThan(codes.length / 2);
    expect(commands['insert'] ?? 0).toBeLessThan(codes.length / 2);
  });
});
