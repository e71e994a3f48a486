/**
 * The real-parser tier: everything ccdoctor generates in PowerShell, parsed by PowerShell's own parser
 * ([System.Management.Automation.Language.Parser]::ParseInput in pwsh 7) in one batch, each AST walked for
 * what Windows PowerShell 5.1 does not have (test/pwsh/parse-batch.ps1); and psQuote checked against the
 * real tokenizer with random strings. The tree-sitter lints (test/live/powershell-lint.test.ts) stay: they
 * run without pwsh and check the probes are read-only.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { psQuote } from '../../src/core/powershell/quote.js';
import { FACTS } from '../../src/facts/index.js';
import { describeTier } from '../tiers/tier.js';
import { HOSTILE_VALUES, HOSTILE_VERSION, HOSTILE_VM_USER, PLAIN_VALUE, buildCorpus, embeddedForms, type Corpus } from './corpus.js';
import { parseBatch, problems, runPwshFile, type ParseBatch, type ParseItem, type PsDetail, type PsParseResult } from './run-pwsh.js';

// ------------------------------------------------------------------------------------------------------
// Fixtures of the 5.1 walk: each bad snippet parses in PowerShell 7 and must be caught (by the named rule);
// each good one is Windows PowerShell 5.1 and must pass.

const WALK_BAD: readonly (readonly [rule: string, snippet: string])[] = [
  ['ternary', '$a = $x ? 1 : 2'],
  ['null-coalescing', '$a = $b ?? 1'],
  ['null-coalescing-assignment', '$a ??= 1'],
  ['null-conditional', '${b}?.Name'],
  ['null-conditional', '${b}?.Trim()'],
  ['null-conditional', '${b}?[0]'],
  ['question-variable', '$a = $b?.Name'],
  ['pipeline-chain', 'Get-Item a && Get-Item b'],
  ['pipeline-chain', "Get-Item a || Write-Error 'b'"],
  ['ps7-parameter', '1..3 | ForEach-Object -Parallel { $_ }'],
  ['ps7-parameter', '1..3 | % -Parallel { $_ } -ThrottleLimit 2'],
  ['ps7-parameter', '1..3 | foreach -Parallel { $_ }'],
  ['clean-block', 'function f { process { 1 } clean { 2 } }'],
  ['ps7-parameter', 'Get-Content x | ConvertFrom-Json -AsHashtable'],
  ['ps7-parameter', 'Get-Content x | ConvertFrom-Json -AsHash'],
  ['ps7-parameter', 'ConvertFrom-Json -InputObject $j -NoEnumerate'],
  ['ps7-parameter', 'ConvertFrom-Json -InputObject $j -Depth 3'],
  ['convertto-json-depth', 'Get-Process | ConvertTo-Json -Compress'],
  ['convertto-json-depth', 'ConvertTo-Json -InputObject $x'],
  ['convertto-json-depth', 'ConvertTo-Json @splat'],
  ['ps7-variable', 'if ($IsWindows) { 1 }'],
  ['ps7-variable', 'if ($IsLinux -or $IsMacOS) { 1 }'],
  ['ps7-variable', '$IsCoreCLR'],
  ['ps7-variable', '$PSStyle.Reset'],
  ['ps7-parameter', 'Import-PowerShellDataFile -Path x.psd1 -SkipLimitCheck'],
  ['ps7-command', 'Get-Error -Newest 1'],
  ['ps7-command', "'a', 'b' | Join-String -Separator ','"],
  ['ps7-command', "Test-Json -Json '{}'"],
  ['ps7-command', 'Start-ThreadJob { 1 }'],
  ['ps7-encoding', 'Set-Content -LiteralPath x -Value y -Encoding utf8NoBOM'],
  ['ps7-encoding', "'x' | Out-File -FilePath y -Encoding utf8BOM"],
  ['ps7-encoding', 'Get-Content x -Encoding 1252'],
  ['ps7-parameter', 'Get-Content -LiteralPath x -AsByteStream'],
  ['ps7-parameter', 'gc x -AsByteStream'],
  ['ps7-parameter', 'Get-Date -AsUTC'],
  ['ps7-parameter', 'Get-Process | Sort-Object -Property CPU -Top 3'],
  ['ps7-parameter', 'Test-Connection -TargetName x -TcpPort 443'],
  ['ps7-parameter', 'Split-Path -LeafBase x'],
  ['ps7-parameter', 'Invoke-RestMethod -Uri https://x -SkipCertificateCheck'],
  ['ps7-parameter', 'Get-ChildItem -ProgressAction SilentlyContinue'],
  ['background-operator', 'Get-Process &'],
  ['leading-pipe', 'Get-Process\n| Select-Object Name'],
  ['string-escape', '"`u{2019}"'],
  ['string-escape', '"`e[31mred"'],
  ['numeric-literal', '$b = 255uy'],
  ['numeric-literal', '$n = 0b1010'],
  ['numeric-literal', '$n = 12n'],
  ['generic-method', '[Linq.Enumerable]::Empty[int]()'],
  ['replace-scriptblock', "'abc' -replace 'b', { $_.Value.ToUpper() }"],
  ['netcore-api', "[IO.Path]::GetRelativePath('C:\\a', 'C:\\a\\b')"],
];

const WALK_GOOD: readonly string[] = [
  "Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\x' -ErrorAction SilentlyContinue 2>$null",
  '$o = New-Object -TypeName PSObject; Get-Date | ConvertTo-Json -Depth 3 -Compress',
  'ConvertTo-Json -InputObject $x -Dep 2 -Compress',
  "Invoke-Command -VMName 'AD' -Credential $cred -ScriptBlock { Get-Service | Select-Object Name }",
  '$a = if ($x) { 1 } else { 2 }',
  'Get-Content -LiteralPath x -Raw -Encoding UTF8 | ConvertFrom-Json',
  "'x' | Out-File -FilePath y -Encoding utf8",
  '$bytes = Get-Content x -Encoding Byte -ReadCount 0',
  'Get-Process | ForEach-Object { $_.Name } | Sort-Object',
  'foreach ($p in $ps) { $p }',
  '$x = $null; if ($null -eq $x) { $x = 1 }',
  "$s = 'a ? b : c'; $t = \"what? `$x ?? y\"",
  "$h = @{ a = 1 }; $h['a']; $h.a",
  '[pscustomobject]@{ a = 1 } | Select-Object -First 1',
  '"`t`n`r`0`a`b`f`v``e"',
  '$v = 10L + 0x1F + 1kb + 2.5d',
  'Get-Process powershell | Sort-Object StartTime | Select-Object -First 1 Id, StartTime',
  "'abc' -replace 'b', 'B'",
  'Get-Process |\n  Select-Object Name',
  '[IO.Path]::Combine($a, $b)',
  "$isWin = [Environment]::OSVersion.Platform -eq 'Win32NT'",
  'Start-Job { 1 } | Wait-Job | Receive-Job',
  '& { param($a) $a } 1',
  'Get-ChildItem -LiteralPath x -Recurse -Depth 2',
  '$PSVersionTable.PSVersion',
  'function f { begin { } process { $_ } end { } }',
  'Test-Connection -ComputerName x -Count 1 -Quiet',
  "Get-CimInstance Win32_Service -Filter \"Name LIKE 'RTC%'\" | Select-Object Name, State, StartMode",
  "$r = [ordered]@{}; $r['x'] = 1; [void]$list.Add($r)",
  "try { 1 } catch { $_.Exception.Message } finally { 2 }",
];

// ------------------------------------------------------------------------------------------------------
// psQuote samples.

const QUOTE_SAMPLES = 2000;
const SEED = process.env.CCDOCTOR_FC_SEED ? Number(process.env.CCDOCTOR_FC_SEED) : Math.floor(Math.random() * 0x7fffffff);

/** What PowerShell reads specially somewhere: every quote it knows, escapes, separators, line ends, surrogates. */
const SPECIAL = [
  "'", '\u2018', '\u2019', '\u201A', '\u201B', '"', '\u201C', '\u201D', '\u201E', '`', '$', '$(', '${', '@(',
  "@'", "'@", '@"', '"@', '\n', '\r', '\r\n', '\t', '\v', '\f', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00',
  '\u{1F4A9}', '#', '<#', '#>', ';', '|', '&', '&&', '||', '--%', '\u0085', '\u2028', '\u2029', '\u00A0', '\u2013',
  '\u2014', '\u2015', '\uFEFF', '\\', '{', '}', '(', ')', '<', '>', ',', '?', '??', '\u0001', '\u001B', '\u007F',
];

/** Fixed cases first, so the edges are always there. */
const QUOTE_EDGES: readonly string[] = [
  '', "'", "''", "'''", '\u2018', '\u2019', '\u201A', '\u201B', '\u2019\u2019', "'\u2019\u2018'", '"', '\u201C\u201D\u201E',
  '`', '``', '`\'', '$', '$(x)', '${x}', '\n', '\r', '\r\n', '\t', '\uD800', '\uDFFF', '\uDFFF\uD800', '\uD83D\uDE00',
  "x'", "'x", "a'b", "'@\n", "\n'@", '#>', '<#', "'".repeat(64), '\u2019'.repeat(33), SPECIAL.join(''),
];

function noNul(s: string): boolean {
  return !s.includes('\u0000');
}

function quoteArbitrary(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  return fc.array(piece, { maxLength: 16 }).map((a) => a.join(''));
}

/** A string safe to print: everything outside printable ASCII as \u{…}. */
function show(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x5c ? s[i] : c === 0x5c ? '\\\\' : `\\u{${c.toString(16).toUpperCase()}}`;
  }
  return `"${out}"`;
}

/** Known ways out of a quoted argument, each rendered into a command. */
const INJECTIONS: readonly string[] = [
  "'; Remove-Item C:\\ -Recurse; '",
  '\u2018; Stop-Computer; \u2019',
  '\u2019; Stop-Computer; \u2018',
  '\u201A; Stop-Computer; \u201B',
  '\u201B\u201B\u201B; Stop-Computer; \u201B',
  '\u201C; Stop-Computer; \u201D',
  '$(Stop-Computer)',
  '`$env:X',
  "x'+(Stop-Computer)+'",
  "' | Stop-Computer #",
  "'\nStop-Computer\n'",
  "'\r\nStop-Computer #",
  "'@\nStop-Computer\n@'",
  "' -Recurse -Force '",
  "'' ; Stop-Computer ; ''",
  "'; & ([scriptblock]::Create('Stop-Computer')); '",
  '--% & Stop-Computer',
  "<# '#> Stop-Computer <# '#>",
  "x`'; Stop-Computer; '",
  "x\u2019`\u2019; Stop-Computer; \u2019",
];
const INJECTION_TEMPLATE = (q: string) => `Get-Item -LiteralPath ${q}`;

// ------------------------------------------------------------------------------------------------------

function detailOf(r: PsParseResult | undefined): PsDetail {
  if (!r?.detail) throw new Error(`no detail for ${r?.name ?? '(missing result)'}`);
  return r.detail;
}

/** Why a quoted literal did not read back as `value` (undefined when it did). */
function bareQuoteProblem(value: string, quoted: string, r: PsParseResult | undefined): string | undefined {
  if (!r) return 'no result';
  if (r.errors.length) return `parse errors: ${r.errors.map((e) => e.message).join('; ')}`;
  const d = detailOf(r);
  const tokens = d.tokens ?? [];
  if (tokens.length !== 1) return `${tokens.length} tokens: ${tokens.map((t) => t.kind).join(' ')}`;
  const t = tokens[0]!;
  if (t.kind !== 'StringLiteral') return `token kind ${t.kind}`;
  if (t.text !== quoted) return `the token is ${show(t.text)}, not the whole literal`;
  if (t.value !== value) return `token value ${show(t.value ?? '')}`;
  if (d.statements !== 1 || d.otherBlocks !== 0) return `${d.statements} statements`;
  const s = d.single;
  if (s?.kind !== 'expression' || s.type !== 'StringConstantExpressionAst' || s.stringType !== 'SingleQuoted') return `not one single-quoted string constant: ${JSON.stringify(s)}`;
  if (s.value !== value) return `StringConstantExpressionAst.Value is ${show(s.value ?? '')}`;
  return undefined;
}

/** Why `Get-Item -LiteralPath <quoted>` is not one command with that one argument (undefined when it is). */
function commandQuoteProblem(value: string, r: PsParseResult | undefined): string | undefined {
  if (!r) return 'no result';
  if (r.errors.length) return `parse errors: ${r.errors.map((e) => e.message).join('; ')}`;
  const d = detailOf(r);
  if (d.statements !== 1 || d.otherBlocks !== 0) return `${d.statements} statements`;
  const s = d.single;
  if (s?.kind !== 'command') return `not one command: ${JSON.stringify(s)}`;
  if (s.redirections !== 0) return `${s.redirections} redirections`;
  const [name, param, arg, ...rest] = s.elements;
  if (rest.length) return `${s.elements.length} command elements`;
  if (name?.type !== 'StringConstantExpressionAst' || name.value !== 'Get-Item') return `command ${JSON.stringify(name)}`;
  if (param?.type !== 'CommandParameterAst' || param.parameter !== 'LiteralPath' || param.hasArgument) return `parameter ${JSON.stringify(param)}`;
  if (arg?.type !== 'StringConstantExpressionAst' || arg.stringType !== 'SingleQuoted') return `argument ${JSON.stringify(arg)}`;
  if (arg.value !== value) return `argument value ${show(arg.value ?? '')}`;
  return undefined;
}

describeTier('powershell', "PowerShell's own parser on everything ccdoctor generates (Windows PowerShell 5.1 walk, psQuote)", (tier) => {
  const corpus: Corpus = buildCorpus();
  const templates = new Map(corpus.templates.map((t) => [t.case, t]));
  let batch: ParseBatch;
  let samples: string[] = [];
  /** psQuote of each sample, or what it threw (reported by the tests, not by the hook). */
  let quoted: (string | Error)[] = [];

  const get = (name: string): PsParseResult => {
    const r = batch.byName.get(name);
    if (!r) throw new Error(`no parse result for ${name}`);
    return r;
  };

  beforeAll(async () => {
    samples = [...QUOTE_EDGES, ...fc.sample(quoteArbitrary().filter(noNul), { numRuns: QUOTE_SAMPLES, seed: SEED })];
    quoted = [...samples, ...INJECTIONS].map((s) => {
      try {
        return psQuote(s);
      } catch (e) {
        return e as Error;
      }
    });
    const q = (i: number) => quoted[i] as string;
    const ok = (i: number) => typeof quoted[i] === 'string';
    const items: ParseItem[] = [
      ...corpus.items,
      ...WALK_BAD.map(([, text], i) => ({ name: `walk bad ${i}`, text })),
      ...WALK_GOOD.map((text, i) => ({ name: `walk good ${i}`, text })),
      ...samples.flatMap((_, i) =>
        ok(i)
          ? [
              { name: `quote ${i}`, text: q(i), detail: 'tokens' as const, walk: false },
              { name: `quote in command ${i}`, text: INJECTION_TEMPLATE(q(i)), detail: 'strings' as const, walk: false },
            ]
          : [],
      ),
      ...INJECTIONS.flatMap((_, j) => {
        const i = samples.length + j;
        return ok(i) ? [{ name: `injection ${j}`, text: INJECTION_TEMPLATE(q(i)), detail: 'strings' as const }] : [];
      }),
    ];
    batch = await parseBatch(tier.tool, items, { timeoutMs: 300_000 });
    console.log(
      `[pwsh tier] PowerShell ${batch.psVersion}: ${items.length} texts parsed in one pwsh process ` +
        `(${corpus.items.length} generated, ${WALK_BAD.length + WALK_GOOD.length} walk fixtures, ${samples.length} psQuote samples x2, ` +
        `${INJECTIONS.length} injections; fast-check seed ${SEED}); parse+walk ${batch.parseMs} ms, pwsh wall ${batch.wallMs} ms`,
    );
  }, 300_000);

  it('ran in PowerShell 7 and returned a result for every text', () => {
    expect(batch.psVersion).toMatch(/^7\./);
    const refused = quoted.filter((q) => typeof q !== 'string').length;
    expect(batch.results.length).toBe(corpus.items.length + WALK_BAD.length + WALK_GOOD.length + 2 * samples.length + INJECTIONS.length - 2 * refused);
  });

  describe('generated PowerShell parses with zero errors and uses nothing newer than Windows PowerShell 5.1', () => {
    it('covers every probe, both scripts, every rule command and every procedure', () => {
      expect(corpus.probes.length).toBeGreaterThan(10);
      const cases = [...corpus.cases.keys()];
      expect(cases.filter((c) => c.startsWith('probe ')).length).toBe(corpus.probes.length);
      expect(cases.filter((c) => c.startsWith('rule ')).length).toBeGreaterThan(40);
      expect(cases.filter((c) => c.startsWith('procedure ')).length).toBeGreaterThanOrEqual(7);
      expect(corpus.helpParsed.length).toBeGreaterThan(5);
    });

    for (const [c, items] of corpus.cases) {
      it(c, () => {
        const found = items.flatMap((item) => problems(get(item.name)).map((p) => `${item.name}: ${p}`));
        expect(found).toEqual([]);
        const t = templates.get(c);
        if (!t) return;
        // Filled with any hostile value, the command keeps the plain fill's AST node for node, and the value
        // is exactly the content of the string constants the placeholders became.
        const plain = detailOf(get(t.plain));
        expect(plain.strings.filter((s) => s.value === PLAIN_VALUE).map((s) => s.type)).not.toEqual([]);
        for (const s of plain.strings.filter((x) => x.value === PLAIN_VALUE)) expect(s.type, t.plain).toBe('SingleQuoted');
        for (const h of t.hostile) {
          const d = detailOf(get(h.name));
          expect(d.shape, `${h.name} ${show(h.value)}`).toBe(plain.shape);
          expect(d.strings, `${h.name} ${show(h.value)}`).toEqual(plain.strings.map((s) => (s.value === PLAIN_VALUE ? { ...s, value: h.value } : s)));
        }
      });
    }
  });

  describe('the scripts carry their values exactly (read back by the parser)', () => {
    const stringsOf = (name: string) => detailOf(get(name)).strings.filter((s) => s.type === 'SingleQuoted').map((s) => s.value);

    it('live script: the --vm-user name is a single-quoted literal holding exactly what was given', () => {
      const strings = stringsOf('live script, hostile --vm-user');
      expect(strings).toContain(HOSTILE_VM_USER);
      // And nowhere else, not even in part: it did not break out of its literal.
      expect(strings.filter((s) => s.includes('HostileUser'))).toEqual([HOSTILE_VM_USER]);
    });

    it('fan-out script: each computer name and both accounts are literals holding exactly what was given', () => {
      const strings = stringsOf('fan-out script, hostile names and accounts');
      for (const v of HOSTILE_VALUES.filter((x) => x !== '')) expect(strings, JSON.stringify(v)).toContain(v);
      expect(strings.filter((s) => s === HOSTILE_VM_USER)).toHaveLength(2);
      expect(strings.filter((s) => s.includes('HostileUser'))).toEqual([HOSTILE_VM_USER, HOSTILE_VM_USER]);
    });

    it('collector: the version string is one literal holding exactly what was given', () => {
      expect(stringsOf('collector script, hostile version, every probe')).toContain(HOSTILE_VERSION);
    });

    it('every probe table holds each wrapped probe exactly (as a literal, or as the base64 of its UTF-8)', () => {
      const scripts: [string, typeof corpus.probes][] = [
        ['live script, credential from the host', corpus.probes],
        ['live script, hostile --vm-user', corpus.probes],
        ['collector script, hostile version, every probe', corpus.probes],
        ['collector script (collect.ps1)', corpus.probes.filter((p) => !p.spec.sensitive)],
      ];
      // collect.ps1 is written with CRLF line ends, which multi-line literals take on: compared up to line ends.
      const lf = (s: string) => s.replace(/\r\n/g, '\n');
      for (const [name, probes] of scripts) {
        const strings = new Set(stringsOf(name).map(lf));
        const missing = probes.filter((p) => !embeddedForms(p).some((f) => strings.has(lf(f)))).map((p) => p.id);
        expect(missing, name).toEqual([]);
      }
    });

    it('checklist hints: those left out as prose are facts that still have a hint', () => {
      for (const id of Object.keys(corpus.helpLeftOut)) {
        expect(FACTS.get(id)?.checklist?.help, `${id} is listed in HELP_NOT_POWERSHELL`).toBeTruthy();
      }
    });
  });

  describe('the 5.1 walk catches what it is for', () => {
    WALK_BAD.forEach(([rule, snippet], i) => {
      it(`catches ${rule}: ${snippet.replace(/\n/g, '\\n')}`, () => {
        const r = get(`walk bad ${i}`);
        expect(r.errors, 'PowerShell 7 parses it').toEqual([]);
        expect(r.findings.map((f) => f.rule)).toContain(rule);
      });
    });
    WALK_GOOD.forEach((snippet, i) => {
      it(`passes 5.1 code: ${snippet.replace(/\n/g, '\\n')}`, () => {
        expect(problems(get(`walk good ${i}`))).toEqual([]);
      });
    });
  });

  describe('psQuote against the real tokenizer', () => {
    const report = (fails: { s: string; q: string | Error; why: string }[]) =>
      fails
        .sort((a, b) => a.s.length - b.s.length)
        .slice(0, 8)
        .map((f) => `${show(f.s)} -> ${typeof f.q === 'string' ? show(f.q) : 'throws'}: ${f.why} (fast-check seed ${SEED}; CCDOCTOR_FC_SEED=${SEED} replays it)`);
    /** Each sample's problem: psQuote threw, or `check` says what is wrong with its parse. */
    const failures = (prefix: string, check: (s: string, q: string, r: PsParseResult | undefined) => string | undefined) => {
      const fails: { s: string; q: string | Error; why: string }[] = [];
      samples.forEach((s, i) => {
        const q = quoted[i]!;
        const why = typeof q === 'string' ? check(s, q, batch.byName.get(`${prefix} ${i}`)) : `psQuote threw: ${q.message}`;
        if (why) fails.push({ s, q, why });
      });
      return report(fails);
    };

    it(`${QUOTE_SAMPLES} random strings (and the edge cases): psQuote(s) is one string token whose value is s`, () => {
      expect(samples.length).toBe(QUOTE_EDGES.length + QUOTE_SAMPLES);
      expect(failures('quote', (s, q, r) => bareQuoteProblem(s, q, r))).toEqual([]);
    });

    it('the samples reach the characters that matter', () => {
      const all = samples.join('');
      for (const ch of ["'", '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '`', '$', '\n', '\r', '\t', '\uD800', '\uDFFF']) {
        expect(samples.filter((s) => !QUOTE_EDGES.includes(s) && s.includes(ch)).length, show(ch)).toBeGreaterThan(5);
      }
      expect(/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all)).toBe(true);
    });

    it('as an argument: Get-Item -LiteralPath psQuote(s) is one command with one argument whose value is s', () => {
      expect(failures('quote in command', (s, _q, r) => commandQuoteProblem(s, r))).toEqual([]);
    });

    it('known injection payloads stay one argument of one command', () => {
      const fails = INJECTIONS.flatMap((s, j) => {
        const q = quoted[samples.length + j]!;
        const why = typeof q === 'string' ? commandQuoteProblem(s, get(`injection ${j}`)) : `psQuote threw: ${q.message}`;
        return why ? [`${show(s)}: ${why}`] : [];
      });
      expect(fails).toEqual([]);
      expect(HOSTILE_VALUES.length).toBeGreaterThan(10);
    });

    it('NUL: refused with a clear error, and no other string makes psQuote throw', () => {
      for (const s of ['\u0000', 'a\u0000b', "'\u0000'", '\u2019\u0000']) {
        expect(() => psQuote(s)).toThrow(/NUL character/);
      }
      fc.assert(
        fc.property(quoteArbitrary(), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
          for (const s of [a, b]) {
            if (noNul(s)) expect(() => psQuote(s)).not.toThrow();
            else expect(() => psQuote(s)).toThrow(/NUL character/);
          }
        }),
        { numRuns: 5000, seed: SEED },
      );
    });
  });

  describe('running pwsh', () => {
    it('a failing script is reported with its exit code and stderr', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ccdoctor-pwsh-fail-'));
      try {
        const script = join(dir, 'fail.ps1');
        await writeFile(script, "[Console]::Error.WriteLine('the reason it failed')\nexit 3\n", 'utf8');
        await expect(runPwshFile(tier.tool, script, [])).rejects.toThrow(/exited with code 3[\s\S]*the reason it failed/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
