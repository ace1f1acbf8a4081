/**
 * Error codes an agent may be asking about, found in what they typed, as the API recognises them
 * (src/lib/normalise-text.ts): 3-5 digit numbers and 0x-hex codes, also inside a Chinese sentence
 * (`宽带拨号错误691怎么办`) and in full-width digits. Shown as chips above the results.
 */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const CANDIDATE = /(?<![0-9a-z])(0x[0-9a-f]{4,16}|[0-9]{3,5})(?![0-9a-z])/gi;

/** The codes named in `query`, in the stored form (`691`, `0x800CCC0E`), each once, in order. */
export function errorCodesIn(query: string): string[] {
  const halfWidth = query.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  // A Han character next to a digit is a word boundary, as the API's normalisation makes it.
  const spaced = halfWidth
    .replace(/(\p{Script=Han})([A-Za-z0-9])/gu, '$1 $2')
    .replace(/([A-Za-z0-9])(\p{Script=Han})/gu, '$1 $2');
  const codes = [...spaced.matchAll(CANDIDATE)].map((match) => {
    const code = (match[1] ?? '').toLowerCase();
    return code.startsWith('0x') ? `0x${code.slice(2).toUpperCase()}` : code;
  });
  return [...new Set(codes)];
}
