import MarkdownIt from 'markdown-it';

/** Raw HTML in the source is escaped, not rendered; unsafe link schemes (javascript:, data:) are refused. */
const renderer = new MarkdownIt({ html: false, linkify: true, breaks: false });

/** Renders an article body to HTML that is safe to insert into a page. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}

/** Block tokens after which the text starts a new line (a paragraph, heading, list item, table row). */
const LINE_ENDS = new Set(['paragraph_close', 'heading_close', 'tr_close', 'hr', 'blockquote_close']);

/**
 * The text a reader sees once the body is rendered, without any Markdown syntax: table cells
 * separated by spaces and one row a line, list items (numbered ones with their number) and paragraphs
 * one a line, link and image
 * texts without their targets, code as written. Parsed by the same markdown-it as `renderMarkdown`.
 */
export function markdownToText(markdown: string): string {
  const parts: string[] = [];
  for (const token of renderer.parse(markdown, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'image') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
      }
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content, '\n');
    } else if (token.type === 'list_item_open' && token.info !== '') {
      // An ordered list's item keeps its number, as rendered (`1.`); bullets have no text.
      parts.push(`${token.info}${token.markup} `);
    } else if (token.type === 'th_close' || token.type === 'td_close') {
      parts.push(' ');
    } else if (LINE_ENDS.has(token.type)) {
      parts.push('\n');
    }
  }
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
