import ini from 'ini';
import { decodeText, type TextEncodingName } from '../text/decode.js';

/**
 * CloudConnector.ini and module.ini as the host has them. Sections and keys are case-insensitive and
 * section-scoped (ServerName and IP repeat across sections); values are decoded the way the `ini`
 * package decodes them; duplicates are reported, the last one wins (as in `ini`). The decoded text
 * and the original encoding and newline are kept so an edit can leave the rest of the file intact.
 */
export interface IniEntry {
  section: string;
  key: string;
  value: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface IniSection {
  name: string;
  line: number;
  entries: IniEntry[];
}

export interface IniDuplicate {
  section: string;
  key: string;
  lines: number[];
}

export interface IniDocument {
  path: string;
  encoding: TextEncodingName;
  newline: '\r\n' | '\n';
  text: string;
  /** Entries before any [section] header. */
  global: IniEntry[];
  sections: IniSection[];
  duplicates: IniDuplicate[];
  duplicateSections: { section: string; lines: number[] }[];
  /** Lines that are neither blank, comment, header nor key=value. */
  malformed: { line: number; text: string }[];
}

const HEADER = /^\s*\[([^\]]*)\]\s*(?:[;#].*)?$/;
const COMMENT = /^\s*(?:[;#]|$)/;

export function parseIni(bytes: Uint8Array, path = 'CloudConnector.ini'): IniDocument {
  const { text, encoding } = decodeText(bytes);
  return parseIniText(text, path, encoding);
}

export function parseIniText(text: string, path = 'CloudConnector.ini', encoding: TextEncodingName = 'utf-8'): IniDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  const doc: IniDocument = {
    path, encoding, newline, text: body, global: [], sections: [], duplicates: [], duplicateSections: [], malformed: [],
  };
  const byName = new Map<string, IniSection>();
  let current: IniSection | undefined;
  const lines = body.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (COMMENT.test(raw)) return;
    const header = HEADER.exec(raw);
    if (header) {
      const name = (header[1] ?? '').trim();
      const existing = byName.get(name.toLowerCase());
      if (existing) {
        const dup = doc.duplicateSections.find((d) => d.section.toLowerCase() === name.toLowerCase());
        if (dup) dup.lines.push(lineNo);
        else doc.duplicateSections.push({ section: existing.name, lines: [existing.line, lineNo] });
        current = existing;
      } else {
        current = { name, line: lineNo, entries: [] };
        byName.set(name.toLowerCase(), current);
        doc.sections.push(current);
      }
      return;
    }
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      doc.malformed.push({ line: lineNo, text: raw });
      return;
    }
    const key = raw.slice(0, eq).trim();
    const value = ini.unsafe(raw.slice(eq + 1).trim());
    const entry: IniEntry = { section: current?.name ?? '', key, value, line: lineNo };
    (current ? current.entries : doc.global).push(entry);
  });
  for (const section of [{ name: '', entries: doc.global }, ...doc.sections]) {
    const seen = new Map<string, IniEntry[]>();
    for (const e of section.entries) {
      const k = e.key.toLowerCase();
      seen.set(k, [...(seen.get(k) ?? []), e]);
    }
    for (const entries of seen.values()) {
      if (entries.length > 1) doc.duplicates.push({ section: section.name, key: entries[0]!.key, lines: entries.map((e) => e.line) });
    }
  }
  return doc;
}

export function iniSection(doc: IniDocument, section: string): IniSection | undefined {
  const s = section.toLowerCase();
  return doc.sections.find((x) => x.name.toLowerCase() === s);
}

/** The entry for section/key (case-insensitive); with duplicates, the last one. */
export function iniEntry(doc: IniDocument, section: string, key: string): IniEntry | undefined {
  const entries = iniSection(doc, section)?.entries ?? [];
  const k = key.toLowerCase();
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key.toLowerCase() === k) return entries[i];
  return undefined;
}

export function iniValue(doc: IniDocument, section: string, key: string): string | undefined {
  return iniEntry(doc, section, key)?.value;
}

/**
 * The file's text with `line` inserted as the first key line of `section` (after its header), in the
 * file's own newline style. Everything else stays as it was; encode it back with the document's encoding.
 */
export function insertIntoSection(doc: IniDocument, section: string, line: string): string {
  const s = iniSection(doc, section);
  if (!s) throw new Error(`${doc.path}: there is no [${section}] section to add "${line}" to`);
  const lines = doc.text.split(/\r?\n/);
  // Insert after the last key of the section so comments above the next section stay with it.
  const anchor = s.entries.length > 0 ? s.entries.reduce((m, e) => Math.max(m, e.line), 0) : s.line;
  lines.splice(anchor, 0, line);
  return lines.join(doc.newline);
}
