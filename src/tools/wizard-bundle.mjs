// How the wizard is bundled (esbuild options shared by build.mjs and the first-frame benchmark, whose
// baseline is a one-line Ink app bundled the same way).
//
// Ink, React and the rest of the wizard's packages go inside, in React's production build: resolving and
// compiling them one by one from node_modules cost most of the time before the first frame.
// - react-devtools-core: Ink imports it only when DEV=true, and it is not a dependency: left outside.
// - CommonJS packages inside (react, scheduler, signal-exit) get a real `require` for Node's modules.
// - Yoga's WebAssembly is inline base64 that its loader would fetch() as a data: URL when fetch exists,
//   which loads Node's whole fetch implementation (undici) first: the bytes are handed to it instead.
// - string-width measures text outside printable ASCII with Intl.Segmenter and emoji regexes whose first
//   use costs tens of milliseconds: the wizard's own symbols (… ❯ ↑ ↓ · box drawing, see NARROW) are
//   counted directly, as string-width counts them (test/ui/string-width-fast.test.ts holds it to that).
// - Node's built-in modules are reached with require(): an ES import of one makes Node read every export,
//   which runs its lazy getters (node:crypto then loads WebCrypto, node:fs loads fs/promises, …).
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

/** Source added to string-width: its default export measures ASCII and NARROW text itself. */
export function fastStringWidth(source) {
  const head = 'export default function stringWidth(';
  if (!source.includes(head) || !/^import stripAnsi from 'strip-ansi';/m.test(source)) return undefined;
  return `${source.replace(head, 'function stringWidthFull(')}
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
    {
      name: 'string-width-fast',
      setup(b) {
        b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          const contents = fastStringWidth(await readFile(args.path, 'utf8'));
          if (!contents) throw new Error(`${args.path}: not the string-width this build knows (see src/tools/wizard-bundle.mjs)`);
          return { contents, loader: 'js' };
        });
      },
    },
    {
      name: 'builtins-by-require',
      setup(b) {
        // Only Node's module names reach the callback (a JavaScript call per import slows esbuild down).
        const names = builtinModules.filter((m) => !m.startsWith('_') && m !== 'module').map((m) => m.replace(/[/]/g, '\\/'));
        const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
        b.onResolve({ filter }, (args) => (args.kind === 'import-statement' && isBuiltin(args.path) ? { path: args.path, namespace: 'builtin' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      },
    },
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
