/**
 * Spelling correction for "did you mean" (你是不是要找), pure: a vocabulary the service owns (article
 * titles, tags, error codes, synonyms, popular answered queries) and the corrected form of a query.
 * English words are corrected by edit distance, Chinese terms by one wrong character in a known term
 * (宽代 -> 宽带, 密马 -> 密码), codes only when a confusable letter hides a real code (0x800CCCOE ->
 * 0x800CCC0E): a code one digit off (692) is a different code, never a typo of 691.
 */
import { errorCodeCandidates, normaliseText } from '../../lib/normalise-text.js';

/** What the vocabulary is built from (one reader's view: the public's holds public articles only). */
export interface VocabularySource {
  /** Titles and popular queries: their Latin words and Han runs become terms. */
  texts: string[];
  /** Tags and synonym terms: curated words, trusted for two-character corrections too. */
  terms: string[];
  /** Error codes articles carry (stored form). */
  codes: string[];
  /** Popular answered queries (normalised), most searched first: a near miss of one is suggested whole. */
  popular: string[];
  /** Words the search ignores (stop words): their single Han characters count as known. */
  stopWords: string[];
}

export interface Vocabulary {
  /** Latin words (lower case) -> how often they occur. */
  words: Map<string, number>;
  /** Han terms -> how often they occur; `curated` marks those from tags and synonyms. */
  han: Map<string, { weight: number; curated: boolean }>;
  /** `length:term with one character as ?` -> the terms of that shape (one-substitution look-up). */
  hanShapes: Map<string, string[]>;
  codes: Set<string>;
  popular: string[];
  /** Single characters that never need correcting (stop words such as 了, 的, 吗). */
  fillers: Set<string>;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z0-9]*/g;
/** Han terms longer than this are left out (titles are sentences; their runs up to this length are kept). */
const MAX_HAN_TERM = 10;
/** Most corrections in one query: a query with more wrong words is not a near miss. */
const MAX_CORRECTIONS = 2;
/** The share of a corrected Han run that must lie inside known terms (or be fillers such as 了, 的). */
const MIN_HAN_COVERAGE = 0.75;

function shapesOf(term: string): string[] {
  const chars = [...term];
  return chars.map((_, at) => `${chars.length}:${chars.map((c, i) => (i === at ? '?' : c)).join('')}`);
}

/** Builds the look-up structures from the sources (a few thousand terms: milliseconds). */
export function buildVocabulary(source: VocabularySource): Vocabulary {
  const words = new Map<string, number>();
  const han = new Map<string, { weight: number; curated: boolean }>();
  const addHan = (term: string, curated: boolean) => {
    const length = [...term].length;
    if (length < 2 || length > MAX_HAN_TERM) return;
    const entry = han.get(term) ?? { weight: 0, curated: false };
    entry.weight += 1;
    entry.curated ||= curated;
    han.set(term, entry);
  };
  const addText = (text: string, curated: boolean) => {
    const normalised = normaliseText(text).toLowerCase();
    for (const word of normalised.match(LATIN_WORD) ?? [])
      if (word.length >= 3) words.set(word, (words.get(word) ?? 0) + 1);
    for (const run of normalised.match(HAN_RUN) ?? []) addHan(run, curated);
  };
  for (const text of source.texts) addText(text, false);
  for (const term of source.terms) addText(term, true);
  // Question words (怎么, 如何) are typed right far more often than not: known, never a target.
  for (const word of source.stopWords)
    if (/^\p{Script=Han}{2,}$/u.test(word) && !han.has(word)) addHan(word, false);
  const hanShapes = new Map<string, string[]>();
  for (const term of han.keys()) {
    for (const shape of shapesOf(term)) {
      const list = hanShapes.get(shape);
      if (list) list.push(term);
      else hanShapes.set(shape, [term]);
    }
  }
  const fillers = new Set(source.stopWords.filter((word) => /^\p{Script=Han}$/u.test(word)));
  return { words, han, hanShapes, codes: new Set(source.codes), popular: source.popular, fillers };
}

/** Edit distance with transpositions (optimal string alignment), stopping early beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
    if (Math.min(...row) > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] ?? max + 1;
}

/** The closest known word to an unknown Latin word (1 edit up to four letters, 2 beyond), or null. */
function correctWord(word: string, vocabulary: Vocabulary): string | null {
  if (word.length < 3 || vocabulary.words.has(word)) return null;
  const max = word.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number; weight: number; first: boolean } | null = null;
  for (const [known, weight] of vocabulary.words) {
    const distance = editDistance(word, known, max);
    if (distance > max) continue;
    const first = known[0] === word[0];
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && (Number(first) - Number(best.first) || weight - best.weight) > 0)
    )
      best = { word: known, distance, weight, first };
  }
  return best?.word ?? null;
}

/** Letters typed for digits in a code (O for 0, l or I for 1): fixed only when a real code results. */
function correctCode(token: string, vocabulary: Vocabulary): string | null {
  if (!/^0x[0-9a-z]{4,16}$/i.test(token) && !/^[0-9oOlI]{3,5}$/.test(token)) return null;
  if (!/\d/.test(token)) return null;
  const head = token.slice(0, 2).toLowerCase() === '0x' ? '0x' : '';
  const fixed = head + token.slice(head.length).replace(/[oO]/g, '0').replace(/[lI]/g, '1');
  const code = errorCodeCandidates(fixed)[0];
  if (code === undefined || code === errorCodeCandidates(token)[0]) return null;
  return vocabulary.codes.has(code) ? code : null;
}

/** Which characters of `chars` lie inside a known term (or are stop words) as typed. */
function coverage(chars: string[], vocabulary: Vocabulary): boolean[] {
  const known = chars.map((char) => vocabulary.fillers.has(char));
  for (let length = Math.min(MAX_HAN_TERM, chars.length); length >= 2; length -= 1) {
    for (let at = 0; at + length <= chars.length; at += 1) {
      if (vocabulary.han.has(chars.slice(at, at + length).join('')))
        for (let i = at; i < at + length; i += 1) known[i] = true;
    }
  }
  return known;
}

/**
 * One Han run corrected: each step changes the one character (in a window one character off a known
 * term, never inside a term typed right) that leaves the most of the run inside known terms; at most
 * `budget` steps and one in every four characters, one of them with a two-character term (which shares a single character with what
 * was typed), and the result must lie at least `MIN_HAN_COVERAGE` inside known terms.
 */
function correctHanRun(
  run: string,
  vocabulary: Vocabulary,
  budget: number,
): { text: string; changes: number } {
  let chars = [...run];
  let known = coverage(chars, vocabulary);
  let changes = 0;
  let shortUsed = false;
  // At most one wrong character in every four typed (携号转网 is not two typos of 拨号上网).
  const allowed = Math.min(budget, Math.max(1, Math.floor(chars.length / 4)));
  while (changes < allowed) {
    let best: { chars: string[]; known: boolean[]; covered: number; length: number; weight: number } | null =
      null;
    const before = known.filter(Boolean).length;
    for (let length = Math.min(MAX_HAN_TERM, chars.length); length >= 2; length -= 1) {
      if (length === 2 && shortUsed) continue;
      for (let at = 0; at + length <= chars.length; at += 1) {
        const window = chars.slice(at, at + length).join('');
        for (const shape of shapesOf(window)) {
          for (const term of vocabulary.hanShapes.get(shape) ?? []) {
            const entry = vocabulary.han.get(term);
            // A two-character term shares only one character with the window: trusted from tags and synonyms only.
            if (!entry || term === window || (length === 2 && !entry.curated)) continue;
            const termChars = [...term];
            const offset = termChars.findIndex((char, i) => char !== chars[at + i]);
            if (known[at + offset]) continue;
            const next = [...chars];
            next[at + offset] = termChars[offset] ?? '';
            const nextKnown = coverage(next, vocabulary);
            const covered = nextKnown.filter(Boolean).length;
            if (covered <= before) continue;
            if (
              !best ||
              covered > best.covered ||
              (covered === best.covered &&
                (length > best.length || (length === best.length && entry.weight > best.weight)))
            )
              best = { chars: next, known: nextKnown, covered, length, weight: entry.weight };
          }
        }
      }
    }
    if (!best) break;
    chars = best.chars;
    known = best.known;
    shortUsed ||= best.length === 2;
    changes += 1;
  }
  if (changes > 0 && known.filter(Boolean).length < MIN_HAN_COVERAGE * chars.length)
    return { text: run, changes: 0 };
  return { text: chars.join(''), changes };
}

/** The popular query closest to `query` (whole), when it is a near miss of it. */
function popularNearMiss(query: string, vocabulary: Vocabulary): string | null {
  const length = [...query].length;
  if (length < 4) return null;
  const max = length <= 6 ? 1 : 2;
  const codes = errorCodeCandidates(query).join(' ');
  for (const popular of vocabulary.popular) {
    if (popular === query || errorCodeCandidates(popular).join(' ') !== codes) continue;
    if (editDistance(query, popular, max) <= max) return popular;
  }
  return null;
}

/**
 * Corrected forms of a (normalised) query, best first, none equal to it: the popular query it nearly
 * is, then the query with its unknown words and near-miss terms corrected. Empty when nothing looks
 * misspelt. The caller keeps only forms that find something.
 */
export function spellingSuggestions(query: string, vocabulary: Vocabulary): string[] {
  const lower = normaliseText(query).toLowerCase();
  const suggestions: string[] = [];
  const popular = popularNearMiss(lower, vocabulary);
  if (popular) suggestions.push(popular);
  let budget = MAX_CORRECTIONS;
  const tokens = lower.split(' ').filter((token) => token !== '');
  const corrected = tokens.map((token) => {
    if (budget === 0) return token;
    const code = correctCode(token, vocabulary);
    if (code) {
      budget -= 1;
      return code;
    }
    // Codes and numbers are kept as typed.
    if (/^\d+$/.test(token) || errorCodeCandidates(token).length > 0) return token;
    return token.replace(/[a-z][a-z0-9]*|\p{Script=Han}+/gu, (part) => {
      if (budget === 0) return part;
      if (/^\p{Script=Han}/u.test(part)) {
        const { text, changes } = correctHanRun(part, vocabulary, budget);
        budget -= changes;
        return text;
      }
      const word = correctWord(part, vocabulary);
      if (word === null) return part;
      budget -= 1;
      return word;
    });
  });
  const wordLevel = corrected.join(' ');
  if (wordLevel !== lower && !suggestions.includes(wordLevel)) suggestions.push(wordLevel);
  return suggestions;
}
