import DOMPurify from 'dompurify';

/** An article slug, as a body links to another article in the same locale: `[...](broadband-error-678-651)`. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Makes the API's article HTML safe to insert (the API already escapes raw HTML; this is the second
 * fence) and points links to other articles (bare slugs) at the console's answer view, marked with
 * `data-slug`; other links open in a new tab without a referrer.
 */
export function articleHtml(html: string, answerHref: (slug: string) => string): string {
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (SLUG.test(href)) {
      node.setAttribute('data-slug', href);
      node.setAttribute('href', answerHref(href));
    } else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return purify.sanitize(html, { FORBID_TAGS: ['style', 'form', 'input', 'img'], FORBID_ATTR: ['style'] });
}

/** Keeps only the `<mark>` of the API's highlighted titles and snippets (everything else is escaped there). */
export function highlightHtml(html: string): string {
  return DOMPurify(window).sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] });
}
