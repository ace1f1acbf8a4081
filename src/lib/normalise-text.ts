/**
 * Text normalisation shared by indexing and querying, so both sides see the same tokens:
 * full-width letters and digits become half-width (ＰＰＰｏＥ -> PPPoE), and a space is put
 * wherever a Han character meets an ASCII letter or digit ("错误691" -> "错误 691"), which
 * Meilisearch's Chinese segmentation otherwise glues together. Case and punctuation are kept,
 * because hits are displayed from the indexed text (Meilisearch itself ignores case).
 */
const HAN = '\\p{Script=Han}';
const ASCII_WORD = '[A-Za-z0-9]';
const HAN_THEN_ASCII = new RegExp(`(${HAN})(${ASCII_WORD})`, 'gu');
const ASCII_THEN_HAN = new RegExp(`(${ASCII_WORD})(${HAN})`, 'gu');

/** Normalises text for the search index and for queries. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (char) =>
      String.fromCharCode(char.charCodeAt(0) - 0xfee0),
    )
    .replace(/\u3000/g, ' ')
    .replace(HAN_THEN_ASCII, '$1 $2')
    .replace(ASCII_THEN_HAN, '$1 $2')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const ERROR_CODE_CANDIDATE = /(?<![0-9a-z])(0x[0-9a-f]{4,16}|[0-9]{3,5})(?![0-9a-z])/gi;

/**
 * The error codes a query may be asking about: 3-5 digit numbers and 0x-hex codes, in the
 * stored form (`691`, `0x800CCC0E`). The caller keeps only codes some article carries.
 */
export function errorCodeCandidates(query: string): string[] {
  const normalised = normaliseText(query).toLowerCase();
  const found = [...normalised.matchAll(ERROR_CODE_CANDIDATE)].map((match) => {
    const code = match[1] ?? '';
    return code.startsWith('0x') ? `0x${code.slice(2).toUpperCase()}` : code;
  });
  return [...new Set(found)];
}
