// How the wizard is bundled (esbuild options shared by build.mjs and the first-frame benchmark, whose
// baseline is a one-line Ink app bundled the same way).
//
// Ink, React and the rest of the wizard's packages go inside, in React's production build: resolving and
// compiling them one by one from node_modules cost most of the time before the first frame.
// - react-devtools-core: Ink imports it only when DEV=true, and it is not a dependency: left outside.
// - CommonJS packages inside (react, scheduler, signal-exit) get a real `require` for Node's modules.
// - Yoga's WebAssembly is inline base64 that its loader would fetch() as a data: URL when fetch exists,
//   which loads Node's whole fetch implementation (undici) first: the bytes are handed to it instead.
// - string-width measures text outside printable ASCII with Intl.Segmenter and emoji regexes that cost
//   tens of milliseconds to build: the wizard's own symbols (… ❯ ↑ ↓ · box drawing, see NARROW) are
//   counted directly, as string-width counts them (test/ui/string-width-fast.test.ts holds it to that),
//   and the segmenter and regexes are built when other text first comes, not when the module loads.
// - Ink turns every cell of the screen into a string with ansi-tokenize's styledCharsToString, which works
//   out the codes between each two cells even when they have the same style: those are skipped
//   (test/ui/styled-chars-fast.test.ts holds it to the original's output).
// - Ink slices every line of a box that hides its overflow with slice-ansi, and splits every line into cells
//   with ansi-tokenize, both through a grapheme segmenter: a plain line (printable ASCII and NARROW, no
//   escape code) is sliced and split directly (test/ui/ink-output-fast.test.ts holds them to the originals).
// - Node's built-in modules are reached with require(): an ES import of one makes Node read every export,
//   which runs its lazy getters (node:crypto then loads WebCrypto, node:fs loads fs/promises, …).
//
// ccdoctor ships it as one script rather than ES modules (wizardScript below), which its loader runs
// through V8's code cache as it runs the core bundle (src/cli-loader.cjs).
import { builtinModules, isBuiltin } from 'node:module';

export const WIZARD_EXTERNAL = ['react-devtools-core'];

/**
 * Characters that are each a grapheme of their own, one column wide (East Asian ambiguous counted narrow,
 * string-width's default), and no emoji: punctuation, arrows, check marks and box drawing.
 */
export const NARROW = [
  0xb7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193, 0x23ce,
  0x276f, 0x2588, 0x2591, 0x2592, 0x2593,
  ...Array.from({ length: 0x80 }, (_, i) => 0x2500 + i),
];

/**
 * Source added to string-width: its default export measures ASCII and NARROW text itself, and the rest
 * builds its segmenter and regular expressions when it first measures other text.
 */
export function fastStringWidth(source) {
  const head = 'export default function stringWidth(';
  if (!source.includes(head) || !/^import stripAnsi from 'strip-ansi';/m.test(source)) return undefined;
  const tables = [];
  const lazy = source.replace(head, 'function stringWidthFull(').replace(/^const (\w+) = (new Intl\.Segmenter\(\)|\/.+\/[a-z]*);$/gm, (_m, name, value) => {
    tables.push(`${name} = ${value};`);
    return `let ${name};`;
  });
  const full = /^function stringWidthFull\([^\n]*\) \{$/m;
  if (!tables.some((t) => t.includes('new Intl.Segmenter()')) || lazy.match(new RegExp(full, 'gm'))?.length !== 1) return undefined;
  return `${lazy.replace(full, (line) => `${line}\n\tbuildTables();`)}
let tablesBuilt = false;
function buildTables() {
  if (tablesBuilt) return;
  tablesBuilt = true;
  ${tables.join('\n  ')}
}
const NARROW = new Set(${JSON.stringify(NARROW)});
export default function stringWidth(input, options = {}) {
  if (typeof input === 'string' && options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes) {
    const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 || c > 0x7e) && !NARROW.has(c)) break;
    }
    if (i === text.length) return text.length;
  }
  return stringWidthFull(input, options);
}
`;
}

/** Source of a function telling text whose every character is one column and one grapheme: printable ASCII and NARROW. */
function plainNarrowSource(name) {
  return `const ${name}Narrow = new Set(${JSON.stringify(NARROW)});
function ${name}(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && !${name}Narrow.has(c)) return false;
  }
  return true;
}`;
}

const SLICE_ANSI_HEAD = 'export default function sliceAnsi(string, start, end) {';

/**
 * slice-ansi's index.js where a slice of plain text (no escape code; printable ASCII and NARROW, each
 * character one column) is the string's own slice: Ink slices every line of a box that hides its overflow,
 * and slice-ansi tokenizes each with a grapheme segmenter. Undefined when it is not the source this build knows.
 */
export function fastSliceAnsi(source) {
  if (source.split(SLICE_ANSI_HEAD).length !== 2) return undefined;
  return `${source.replace(SLICE_ANSI_HEAD, 'function sliceAnsiFull(string, start, end) {')}
${plainNarrowSource('isPlainNarrow')}
export default function sliceAnsi(string, start, end) {
  if (typeof string === 'string' && Number.isInteger(start) && start >= 0 && (end === undefined || (Number.isInteger(end) && end >= 0)) && isPlainNarrow(string)) {
    return string.slice(start, end);
  }
  return sliceAnsiFull(string, start, end);
}
`;
}

const INK_STYLED_CHARS = 'cached = styledCharsFromTokens(tokenize(line));';

/**
 * Ink's build/output.js where a line of plain text (as fastSliceAnsi) becomes its cells directly, as
 * ansi-tokenize makes them (one unstyled, one-column cell a character) without its grapheme segmenter.
 */
export function fastInkOutput(source) {
  if (source.split(INK_STYLED_CHARS).length !== 2) return undefined;
  return `${source.replace(INK_STYLED_CHARS, 'cached = isPlainNarrow(line) ? plainStyledChars(line) : styledCharsFromTokens(tokenize(line));')}
${plainNarrowSource('isPlainNarrow')}
function plainStyledChars(line) {
  const chars = [];
  for (let i = 0; i < line.length; i++) chars.push({ type: 'char', value: line[i], fullWidth: false, styles: [] });
  return chars;
}
`;
}

/** The function of @alcalzone/ansi-tokenize (build/styledChars.js) that styledCharsFast replaces. */
const STYLED_CHARS_TO_STRING = `export function styledCharsToString(chars) {
    let ret = "";
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) {
            ret += ansiCodesToString(char.styles);
        }
        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1) {
            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
        }
    }
    return ret;
}`;


/** An esbuild plugin that loads one package file through `patch` (its source in, the patched source out). */
function patched(name, filter, patch, what) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const contents = patch(await readFile(args.path, 'utf8'));
        if (!contents) throw new Error(`${args.path}: not the ${what} this build knows (see src/tools/wizard-bundle.mjs)`);
        return { contents, loader: 'js' };
      });
    },
  };
}
/**
 * @alcalzone/ansi-tokenize's build/styledChars.js where styledCharsToString skips the codes between two
 * characters of the same style (none are needed: the diff of equal styles is empty, as is the diff of no
 * styles to none). Ink turns each cell of the screen into a string with it, and the diff builds sets and
 * arrays for every cell; or undefined when it is not the source this build knows.
 */
export function fastStyledChars(source) {
  if (!source.includes(STYLED_CHARS_TO_STRING)) return undefined;
  return source.replace(STYLED_CHARS_TO_STRING, `function sameStyles(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    }
    return true;
}
export function styledCharsToString(chars) {
    let ret = "";
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) {
            if (char.styles.length > 0) ret += ansiCodesToString(char.styles);
        }
        else if (!sameStyles(chars[i - 1].styles, char.styles)) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        if (i === chars.length - 1 && char.styles.length > 0) {
            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
        }
    }
    return ret;
}`);
}

export const wizardBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  splitting: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __ccdoctorRequire } from 'node:module'; const require = __ccdoctorRequire(import.meta.url);" },
  plugins: [
    patched('styled-chars-fast', /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/, fastStyledChars, 'ansi-tokenize'),
    patched('slice-ansi-fast', /[\\/]slice-ansi[\\/]index\.js$/, fastSliceAnsi, 'slice-ansi'),
    patched('ink-output-fast', /[\\/]ink[\\/]build[\\/]output\.js$/, fastInkOutput, 'Ink'),
    patched('string-width-fast', /[\\/]string-width[\\/]index\.js$/, fastStringWidth, 'string-width'),
    builtinsByRequire(['import-statement']),
    {
      name: 'yoga-bytes-given',
      setup(b) {
        b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          const source = await readFile(args.path, 'utf8');
          const read = 'function ya(){return w||"function"!=typeof fetch?';
          if (!source.includes(read)) throw new Error(`${args.path}: not the Yoga loader this build knows (see src/tools/wizard-bundle.mjs)`);
          // Before reading the bytes, it gets them from its data: URL with Buffer (w is its wasmBinary).
          const contents = source.replace(read, `function ya(){w||(w=Buffer.from(H.slice(H.indexOf(",")+1),"base64"));return w||"function"!=typeof fetch?`);
          return { contents, loader: 'js' };
        });
      },
    },
  ],
};

/** Node's built-in modules, imported in these ways (esbuild's kinds), reached with require() instead. */
function builtinsByRequire(kinds) {
  return {
    name: 'builtins-by-require',
    setup(b) {
      // Only Node's module names reach the callback (a JavaScript call per import slows esbuild down).
      const names = builtinModules.filter((m) => !m.startsWith('_') && m !== 'module').map((m) => m.replace(/[/]/g, '\\/'));
      const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
      b.onResolve({ filter }, (args) => (kinds.includes(args.kind) && isBuiltin(args.path) ? { path: args.path, namespace: 'builtin' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/** The packages left outside the wizard's script, reached with require() (the loader's, from dist/). */
function packagesByRequire(packages) {
  return {
    name: 'packages-by-require',
    setup(b) {
      const odd = packages.find((p) => !/^[a-z0-9-]+$/.test(p));
      if (odd) throw new Error(`packages-by-require: ${odd} is not a plain package name`);
      const filter = new RegExp(`^(?:${packages.join('|')})$`);
      // The require() of the module made here stays outside.
      b.onResolve({ filter }, (args) => (args.namespace === 'package' ? { path: args.path, external: true } : { path: args.path, namespace: 'package' }));
      b.onLoad({ filter: /.*/, namespace: 'package' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * The wizard as ccdoctor ships it: wizardBundle's content in one script without import or export, the body
 * of an async function (Yoga and Ink's reconciler hold top-level await) that src/cli-loader.cjs compiles
 * with a code cache and calls with (require, __ccdoctor_import_meta, __ccdoctor_exports). Code restored
 * from a code cache loses the callback of import(): every import, dynamic ones too, is a require() or
 * bundled (esbuild turns import() of a bundled module into its initialisation).
 */
export function wizardScript(packages) {
  return {
    ...wizardBundle,
    splitting: false,
    banner: {},
    define: { ...wizardBundle.define, 'import.meta.url': '__ccdoctor_import_meta.url' },
    plugins: [
      ...wizardBundle.plugins.filter((p) => p.name !== 'builtins-by-require'),
      builtinsByRequire(['import-statement', 'dynamic-import']),
      packagesByRequire(packages),
    ],
  };
}
