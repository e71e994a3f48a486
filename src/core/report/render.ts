import type { ReportFormat, ReportModel } from './model.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-md.js';
import { renderPs1 } from './render-ps1.js';

/** The report in one format, as the text of the file. */
export function renderReport(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(model);
    case 'html':
      return renderHtml(model);
    case 'junit':
      return renderJunit(model);
    case 'json':
      return `${JSON.stringify(model, null, 2)}\n`;
    case 'ps1':
      return renderPs1(model);
  }
}

/** The format a file name asks for (.md, .html, .json, .xml, .ps1), if any. */
export function formatFromPath(path: string): ReportFormat | undefined {
  const m = /\.([a-z0-9]+)$/i.exec(path);
  switch (m?.[1]?.toLowerCase()) {
    case 'md':
    case 'markdown':
      return 'md';
    case 'html':
    case 'htm':
      return 'html';
    case 'json':
      return 'json';
    case 'xml':
      return 'junit';
    case 'ps1':
      return 'ps1';
    default:
      return undefined;
  }
}
