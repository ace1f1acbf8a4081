/** Synonym terms as an editor types them: one line. */

/** The terms typed in one line, separated by 、 , ， / or ; (empty pieces dropped; the API trims and dedupes). */
export function splitTerms(text: string): string[] {
  return text
    .split(/[、,，/;；]/)
    .map((term) => term.trim())
    .filter((term) => term.length > 0);
}

/** The terms as the line shows them. */
export function joinTerms(terms: readonly string[]): string {
  return terms.join('、');
}
