/**
 * Running things in a real PowerShell (pwsh) for the tests of the powershell tier: one process per batch,
 * input as a JSON file, output as JSON on stdout. PowerShell's own parser is reached through
 * parse-batch.ps1 (parseBatch below).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PARSE_BATCH_PS1 = join(HERE, 'parse-batch.ps1');

export interface PwshRun {
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole pwsh process, start-up included. */
  ms: number;
}

export interface PwshOptions {
  timeoutMs?: number;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * Runs `pwsh -NoProfile -NonInteractive -File <script> <args...>` and returns its stdout and stderr
 * decoded as UTF-8. Rejects, with pwsh's stderr and the start of its stdout, when it cannot start, times
 * out or exits non-zero.
 */
export function runPwshFile(pwsh: string, script: string, args: readonly string[], opts: PwshOptions = {}): Promise<PwshRun> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      pwsh,
      ['-NoProfile', '-NonInteractive', '-File', script, ...args],
      {
        encoding: 'buffer',
        maxBuffer: MAX_BUFFER,
        timeout: timeoutMs,
        windowsHide: true,
        env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', NO_COLOR: '1' },
      },
      (error, stdoutBuf, stderrBuf) => {
        const ms = Math.round(performance.now() - started);
        const stdout = new TextDecoder('utf-8').decode(stdoutBuf).replace(/^\uFEFF/, '');
        const stderr = new TextDecoder('utf-8').decode(stderrBuf);
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string | null };
          const why = e.killed || e.signal ? `was stopped after ${timeoutMs} ms (${e.signal ?? 'timeout'})` : typeof e.code === 'number' ? `exited with code ${e.code}` : `could not run (${e.message})`;
          reject(
            new Error(
              `pwsh ${why}: ${pwsh} -File ${script}\n--- stderr ---\n${stderr.trim() || '(empty)'}\n--- stdout (start) ---\n${stdout.slice(0, 2000) || '(empty)'}`,
            ),
          );
          return;
        }
        resolve({ stdout, stderr, ms });
      },
    );
  });
}

/**
 * Writes `input` as JSON to a temporary file, runs the script with that file's path as its first argument,
 * and parses its stdout as JSON. The error names the script, pwsh's stderr and the output when any of it fails.
 */
export async function runPwshJson<T>(pwsh: string, script: string, input: unknown, opts: PwshOptions = {}): Promise<{ value: T; run: PwshRun }> {
  const dir = await mkdtemp(join(tmpdir(), 'ccdoctor-pwsh-'));
  try {
    const inputPath = join(dir, 'input.json');
    await writeFile(inputPath, JSON.stringify(input), 'utf8');
    const run = await runPwshFile(pwsh, script, [inputPath], opts);
    let value: T;
    try {
      value = JSON.parse(run.stdout) as T;
    } catch (e) {
      throw new Error(
        `pwsh ${script} did not print JSON (${(e as Error).message})\n--- stderr ---\n${run.stderr.trim() || '(empty)'}\n--- stdout (start) ---\n${run.stdout.slice(0, 2000) || '(empty)'}`,
      );
    }
    return { value, run };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------------------------------------------
// PowerShell's parser, in batches.

export interface ParseItem {
  name: string;
  text: string;
  /**
   * Also return, for the quoting and injection checks: 'strings' the statements, string constants and
   * the AST's shape; 'tokens' that and every token.
   */
  detail?: 'strings' | 'tokens';
  /** false: parse only, no Windows PowerShell 5.1 walk (for texts that are not generated scripts). */
  walk?: boolean;
}

export interface PsParseError {
  id: string;
  message: string;
  line: number;
  column: number;
  text: string;
  incomplete: boolean;
}

/** What the Windows PowerShell 5.1 walk of parse-batch.ps1 found. */
export interface PsFinding {
  rule: string;
  message: string;
  line: number;
  column: number;
  text: string;
}

export interface PsToken {
  kind: string;
  text: string;
  /** StringToken.Value (the string's value, escapes resolved). */
  value?: string;
}

export interface PsElement {
  /** The AST type name: StringConstantExpressionAst, CommandParameterAst, ... */
  type: string;
  parameter?: string;
  hasArgument?: boolean;
  stringType?: string;
  value?: string;
}

export interface PsDetail {
  /** Statements of the script's end block. */
  statements: number;
  /** param/begin/process/dynamicparam blocks. */
  otherBlocks: number;
  /** The AST's node types in pre-order ("ScriptBlockAst NamedBlockAst PipelineAst CommandAst ..."). */
  shape: string;
  /** Every StringConstantExpressionAst: its kind (BareWord, SingleQuoted, ...) and value. */
  strings: { type: string; value: string }[];
  /** When the script is one pipeline of one element: that command's elements, or that expression. */
  single:
    | { kind: 'command'; elements: PsElement[]; redirections: number }
    | { kind: 'expression'; type: string; redirections: number; stringType?: string; value?: string }
    | null;
  /** With detail 'tokens': every token but EndOfInput. */
  tokens?: PsToken[];
}

export interface PsParseResult {
  name: string;
  errors: PsParseError[];
  findings: PsFinding[];
  detail?: PsDetail;
}

export interface ParseBatch {
  psVersion: string;
  /** Time spent parsing and walking inside pwsh. */
  parseMs: number;
  /** The whole pwsh process, start-up and JSON included. */
  wallMs: number;
  results: PsParseResult[];
  byName: Map<string, PsParseResult>;
}

/** UTF-16LE code units in base64: carries any string (lone surrogates, NUL) through JSON to pwsh unchanged. */
const b64 = (s: string) => Buffer.from(s, 'utf16le').toString('base64');

/**
 * Parses every item with [System.Management.Automation.Language.Parser]::ParseInput in one pwsh process
 * and walks each AST for what Windows PowerShell 5.1 lacks. Names must be unique.
 */
export async function parseBatch(pwsh: string, items: readonly ParseItem[], opts: PwshOptions = {}): Promise<ParseBatch> {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.name)) throw new Error(`parseBatch: duplicate item name ${JSON.stringify(it.name)}`);
    seen.add(it.name);
  }
  const input = items.map((it) => ({ name: it.name, b64: b64(it.text), detail: it.detail ?? '', walk: it.walk !== false }));
  const { value, run } = await runPwshJson<{ psVersion: string; parseMs: number; count: number; results: PsParseResult[] | null }>(pwsh, PARSE_BATCH_PS1, input, opts);
  const results = value.results ?? [];
  if (results.length !== items.length) throw new Error(`parse-batch.ps1 returned ${results.length} results for ${items.length} items\n${run.stderr}`);
  results.forEach((r, i) => {
    if (r.name !== items[i]!.name) throw new Error(`parse-batch.ps1: result ${i} is ${r.name}, expected ${items[i]!.name}`);
  });
  return { psVersion: value.psVersion, parseMs: value.parseMs, wallMs: run.ms, results, byName: new Map(results.map((r) => [r.name, r])) };
}

/** One line per parse error and 5.1 finding, for an assertion message (empty when the text is clean). */
export function problems(r: PsParseResult | undefined): string[] {
  if (!r) return ['(no result)'];
  return [
    ...r.errors.map((e) => `parse error at line ${e.line}, column ${e.column} [${e.id}]: ${e.message} :: ${e.text}`),
    ...r.findings.map((f) => `not in Windows PowerShell 5.1 at line ${f.line}, column ${f.column} [${f.rule}]: ${f.message} :: ${f.text}`),
  ];
}
