import { stripControl } from '../text/sanitize.js';

/** Text for HTML element content and attribute values (double- or single-quoted). */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates are not characters.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 cannot hold at all, even escaped. */
export function xmlChars(text: string): string {
  return stripControl(text).replace(XML_INVALID, '');
}

export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A CDATA section holding any text: "]]>" is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/**
 * Inline Markdown text (GitHub/GitLab/Jira markdown): markup characters are backslash-escaped, HTML
 * is shown as text, and in a table cell a newline becomes <br> and | is escaped so the row holds.
 */
export function mdInline(text: string, opts: { cell?: boolean } = {}): string {
  const escaped = stripControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, '$1\\.');
  const trimmed = escaped.replace(/\r?\n$/, '');
  return opts.cell ? trimmed.replace(/\r?\n/g, '<br>') : trimmed.replace(/\r?\n/g, '  \n');
}

/** Inline code span: a fence of backticks longer than any run inside it. */
export function mdCode(text: string, opts: { cell?: boolean } = {}): string {
  const one = stripControl(text).replace(/\r?\n/g, ' ⏎ ');
  const runs = one.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  // Inside a table a | still ends the cell in GFM, even in a code span: escape it.
  const body = opts.cell ? one.replace(/\|/g, '\\|') : one;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block that the text cannot close early. */
export function mdFence(text: string, lang = ''): string {
  const body = stripControl(text).replace(/\r?\n$/, '');
  const runs = body.match(/`{3,}|~{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(2, ...runs.map((r) => r.length)) + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}
