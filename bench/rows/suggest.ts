/**
 * Type-ahead: `suggestArticles` latency per keystroke on the seed-sized database, beside raw
 * Meilisearch answering the search the service sends for the same keystroke (issue 11: p95 under
 * 20 ms). `npm run bench -- suggest`.
 */
import { burst, interleave } from '../lib/context.js';
import type { Bench } from '../lib/context.js';
import { graphql, request } from '../lib/http.js';
import { median, ms, plus, quantile, verdict } from '../lib/stats.js';
import type { Row } from '../lib/stats.js';

const SUGGEST = 'query ($prefix: String!) { suggestArticles(prefix: $prefix) { kind text highlighted } }';
/** What agents type, one keystroke at a time. */
const TYPED = ['宽带拨号错误', '691', 'pasword', '光猫指示灯'];

export async function suggestRow(b: Bench): Promise<Row> {
  const service = await b.small();
  const keystrokes = TYPED.flatMap((typed) => [...typed].map((_, index) => typed.slice(0, index + 1)));
  let next = 0;
  const prefix = () => keystrokes[next++ % keystrokes.length] ?? '宽';
  const viaService = () => graphql(service.endpoint, SUGGEST, { prefix: prefix() });
  // The search the service sent for the last keystroke, replayed as is.
  await graphql(service.endpoint, SUGGEST, { prefix: '宽带拨号' });
  const sent = b.lab.meili.searches.at(-1);
  if (!sent) throw new Error('suggest: the service sent no search to Meilisearch');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${b.lab.meiliKey}` };
  const raw = async () => {
    const reply = await request(`${b.lab.meili.url}${sent.path}`, {
      method: sent.method,
      body: sent.body,
      headers,
    });
    if (reply.status !== 200) throw new Error(`raw search: HTTP ${reply.status} ${reply.body.toString()}`);
  };
  for (let warm = 0; warm < 20; warm += 1) await Promise.all([viaService(), raw()]);
  const svc: number[] = [];
  const base: number[] = [];
  const per = Math.max(10, Math.round(b.settings.roundRequests / 2));
  await interleave(b.settings.rounds * 2, [
    async () => void svc.push(...(await burst(per, 1, viaService))),
    async () => void base.push(...(await burst(per, 1, raw))),
  ]);
  const p95 = quantile(svc, 0.95);
  return {
    id: 'suggest',
    measure: 'suggestArticles latency per keystroke',
    service: `${ms(median(svc))} / ${ms(p95)}`,
    baseline: `${ms(median(base))} / ${ms(quantile(base, 0.95))}`,
    ratio: `${plus(median(svc) - median(base))} / ${plus(p95 - quantile(base, 0.95))}`,
    target: 'p95 < 20 ms',
    verdict: verdict(p95 < 20),
    notes: [
      `p50 / p95 over ${svc.length} sequential keystrokes of ${TYPED.join(', ')}; raw: ${sent.method} ${sent.path}`,
    ],
  };
}
