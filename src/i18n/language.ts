/**
 * The language of a request's messages, chosen from its `Accept-Language` header: Chinese
 * (zh-CN) unless the caller prefers English. Call-centre staff read the messages; portals and
 * scripts that want English say so.
 */

/** The languages messages are written in. */
export type Language = 'zh-CN' | 'en';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Answers for the header values seen lately (browsers send one of a handful): parsing is skipped. */
const chosen = new Map<string, Language>();
const REMEMBERED = 64;

/**
 * The language for an `Accept-Language` header: English when an `en` range has a higher quality
 * than every `zh` range (a `*` counts for both), else zh-CN, which is also the answer for no header,
 * an unparsable one, or one naming neither language.
 */
export function languageOf(acceptLanguage: string | readonly string[] | undefined): Language {
  if (acceptLanguage === undefined) return DEFAULT_LANGUAGE;
  const header = typeof acceptLanguage === 'string' ? acceptLanguage : acceptLanguage.join(',');
  if (header === '') return DEFAULT_LANGUAGE;
  const known = chosen.get(header);
  if (known !== undefined) return known;
  const language = negotiate(header);
  if (chosen.size >= REMEMBERED) chosen.clear();
  chosen.set(header, language);
  return language;
}

function negotiate(header: string): Language {
  let zh = -1;
  let en = -1;
  let any = -1;
  for (const part of header.slice(0, 512).split(',')) {
    const [rawTag = '', ...params] = part.split(';');
    const tag = rawTag.trim().toLowerCase();
    let quality = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value?.trim());
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    if (tag === 'zh' || tag.startsWith('zh-')) zh = Math.max(zh, quality);
    else if (tag === 'en' || tag.startsWith('en-')) en = Math.max(en, quality);
    else if (tag === '*') any = Math.max(any, quality);
  }
  if (zh < 0) zh = any;
  if (en < 0) en = any;
  return en > 0 && en > zh ? 'en' : DEFAULT_LANGUAGE;
}
