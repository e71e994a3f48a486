/**
 * Diagnostic reports (issue #6). For the CLI and the wizard:
 *   const model = buildReport(run, { toolVersion, redact })     // or { redactor } to keep the map
 *   const text = renderReport(model, 'md' | 'html' | 'json' | 'junit')
 *   await writeReport(path, model, format, { force })
 *   await exportReport(run, path, { format, redact, force })   // all three in one call
 */
export { buildReport, type BuildReportOptions } from './build.js';
export { renderReport, formatFromPath } from './render.js';
export { renderPs1 } from './render-ps1.js';
export { exportReport, writeReport, writeRedactionMap, redactionMapJson, REDACTION_MAP_SCHEMA, type ExportOptions, type WriteOptions } from './write.js';
export { Redactor, type RedactionEntry, type RedactKind } from './redact.js';
export { maskSecrets } from './secrets.js';
export { REPORT_FORMATS, REPORT_SCHEMA, REPORT_VERSION, reportModel, type ReportFormat, type ReportModel, type ReportResult, type ReportFact } from './model.js';
