import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseCommandArgs, oneOf } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { InputError } from '../../core/errors.js';
import { explainText } from '../../core/explain/match.js';
import { closestSymptoms, type NearSymptom } from '../../core/explain/near.js';
import { BinaryInputError, explainStream } from '../../core/explain/stream.js';
import { why } from '../../core/fs/read-input.js';
import { quoted } from '../../core/text/sanitize.js';
import { entriesFromMatches, explainJson, explainTextReport, type ExplainEntry, type ExplainInput } from '../../core/explain/report.js';
import { readBlocks } from '../../core/logs/read-file.js';
import { ansiStyle, colourWanted, plainStyle } from '../../core/output/style.js';

const READ_CHUNK = 1024 * 1024;

export const explainCommand: Command = {
  name: 'explain',
  help: `Usage: ccdoctor explain [--format text|json] "ERROR TEXT"
       some-command 2>&1 | ccdoctor explain -
       ccdoctor explain [--format text|json] --file LOG

Matches an error message, a command's output or a log against the documented error texts of every
rule and prints the rule that explains it, what matched, and that rule's remediation steps (their
commands with a <name> for each value to fill in, as check shows one left unfilled). Case,
line wraps, extra spaces, curly quotes and PowerShell's error framing ("At line:1 char:1",
"+ CategoryInfo ...", PowerShell 7's "Error: "), quotes around the text and the failing command's
name in front ("Register-CcAppliance : ", or none) do not matter; a look-alike (another module,
another error code) is no match. When nothing matches a pasted text, the closest documented symptoms
are listed under "NOT a match" (json: "closest", each "match": false); the exit code stays 1.
Files and stdin are streamed (a multi-gigabyte log is fine): each hit is reported with its line
number and the line's timestamp. UTF-8 and UTF-16 (with BOM) are read.

Options:
  -             read the text from stdin
  --file LOG    read a log file (for example CceManagementService.log); only a regular file: a
                device or a pipe is refused (pipe the text to - instead)
  --format FMT  text (default) or json (schema ccdoctor/explain@1)
  -h, --help    this help

Exit codes: 0 something matched; 1 nothing did; 2 usage or input error.`,
  async run(argv, io, ctx) {
    const parsed = parseCommandArgs(
      'explain', argv, { file: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true,
    );
    const values = parsed.values;
    const positionals = parsed.positionals as string[];
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('explain', 'format', values.format, ['text', 'json'] as const, 'text');
    const stdin = positionals.length === 1 && positionals[0] === '-';
    if (!stdin && positionals.includes('-')) {
      throw new InputError('ccdoctor explain: "-" (read stdin) stands alone; quote the text instead. See: ccdoctor explain --help');
    }
    if (values.file !== undefined && positionals.length > 0) {
      throw new InputError('ccdoctor explain: give either a text (or - for stdin) or --file, not both. See: ccdoctor explain --help');
    }
    if (values.file === '') throw new InputError('ccdoctor explain: --file needs a file name. See: ccdoctor explain --help');
    const { rules } = await ctx.rules();
    let entries: ExplainEntry[];
    let input: ExplainInput;
    let closest: NearSymptom[] = [];
    if (values.file !== undefined) {
      ({ entries, input } = await readError(values.file, explainStream(await openInput(resolve(io.cwd, values.file), values.file, io.cwd), { source: 'file', name: values.file }, rules)));
    } else if (stdin || (positionals.length === 0 && io.stdin.isTTY !== true)) {
      // `explain -` typed at a terminal would wait on a blank screen: say how to end the text.
      if (io.stdin.isTTY === true) io.stderr.write('Paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows)\n');
      ({ entries, input, closest } = await readError('stdin', explainStream(io.stdin as AsyncIterable<Uint8Array>, { source: 'stdin' }, rules)));
      if (input.bytes === 0) {
        throw new InputError('ccdoctor explain: stdin was empty: nothing to explain. Pipe some output in (some-command 2>&1 | ccdoctor explain -) or give the text.');
      }
    } else if (positionals.length === 0) {
      throw new InputError(
        'ccdoctor explain: nothing to explain. Give the error text, pipe it in, or name a log:\n' +
          '  ccdoctor explain "The term \'Stop-CsWindowsService\' is not recognized ..."\n' +
          '  some-command 2>&1 | ccdoctor explain -\n' +
          '  ccdoctor explain --file CceManagementService.log',
      );
    } else {
      const text = positionals.join(' ');
      if (text.trim() === '') throw new InputError('ccdoctor explain: the text to explain is empty. See: ccdoctor explain --help');
      entries = entriesFromMatches(explainText(text, rules), rules);
      input = { source: 'text', bytes: Buffer.byteLength(text) };
      if (entries.length === 0) closest = closestSymptoms(text, rules);
    }
    if (format === 'json') io.stdout.write(`${JSON.stringify(explainJson(entries, input, closest), null, 2)}\n`);
    else {
      if (input.binary) io.stderr.write('ccdoctor explain: the input holds NUL bytes (binary?); scanned it as text anyway.\n');
      io.stdout.write(explainTextReport(entries, input, colourWanted(io.stdout, io.env) ? ansiStyle : plainStyle, closest));
    }
    return entries.length > 0 ? EXIT.ok : EXIT.findings;
  },
};

async function openInput(path: string, shown: string, cwd: string): Promise<AsyncIterable<Uint8Array>> {
  let handle: FileHandle;
  try {
    handle = await openRegularFile(path, shown);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new InputError(`ccdoctor explain: cannot read ${shown}: ${why}. Check the path${isAbsolute(shown) ? '' : ` (relative to ${cwd})`}.`);
  }
  return (async function* () {
    try {
      yield* readBlocks(handle, READ_CHUNK);
    } finally {
      await handle.close();
    }
  })();
}

/**
 * Only a regular file is opened, as every input file is: looked at before opening (opening a pipe would
 * wait for a writer; a device such as /dev/zero or /dev/null is no log) and again once open.
 */
async function openRegularFile(path: string, shown: string): Promise<FileHandle> {
  const refuse = (st: Stats) => new InputError(st.isDirectory()
    ? `ccdoctor explain: ${shown} is a folder; --file needs a log file`
    : `ccdoctor explain: cannot read ${shown}: it is not a regular file (a device, a pipe or a socket); to explain piped text: some-command 2>&1 | ccdoctor explain -`);
  const before = await stat(path);
  if (!before.isFile()) throw refuse(before);
  const handle = await open(path, 'r');
  const opened = await handle.stat();
  if (!opened.isFile()) {
    await handle.close();
    throw refuse(opened);
  }
  return handle;
}

/** A read that fails half-way (an I/O error, a file that turned into a folder) is bad input, not a bug. */
async function readError<T>(name: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof BinaryInputError) throw new InputError(`ccdoctor explain: ${quoted(name, 300)}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new InputError(`ccdoctor explain: cannot read ${quoted(name, 300)}: ${why(e as NodeJS.ErrnoException, name)}`);
    throw e;
  }
}
