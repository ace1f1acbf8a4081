import MarkdownIt from 'markdown-it';

/** Raw HTML in the source is escaped, not rendered; unsafe link schemes (javascript:, data:) are refused. */
const renderer = new MarkdownIt({ html: false, linkify: true, breaks: false });

/** Renders an article body to HTML that is safe to insert into a page. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
