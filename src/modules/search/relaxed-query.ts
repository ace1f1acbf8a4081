/**
 * The best-effort fallback for a query that finds nothing (放宽查询): the same query with fewer
 * words, never dropping an error code it names (a code asked about is the point of the query).
 */
import { errorCodeCandidates } from '../../lib/normalise-text.js';

/** Most relaxed queries tried for one query (one multi-search). */
const MAX_CANDIDATES = 6;

/**
 * Shorter forms of `query` to try, best first: without one word (the last word first), then the
 * first words alone. Each keeps more than half of the words (a two-word query is never relaxed:
 * `ETC 办理` relaxed to `办理` found broadband installation) and every code the query names.
 */
export function relaxedCandidates(query: string): string[] {
  const words = query.split(' ').filter((word) => word !== '');
  if (words.length < 3) return [];
  const codes = new Set(errorCodeCandidates(query));
  const isCode = (word: string) => errorCodeCandidates(word).some((code) => codes.has(code));
  const candidates: string[][] = [];
  for (let drop = words.length - 1; drop >= 0; drop -= 1) candidates.push(words.filter((_, i) => i !== drop));
  for (let keep = words.length - 2; keep > words.length / 2; keep -= 1) candidates.push(words.slice(0, keep));
  const seen = new Set<string>();
  return candidates
    .filter((kept) => words.filter((word) => !kept.includes(word)).every((word) => !isCode(word)))
    .map((kept) => kept.join(' '))
    .filter((text) => text !== '' && !seen.has(text) && Boolean(seen.add(text)))
    .slice(0, MAX_CANDIDATES);
}
