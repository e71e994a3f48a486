// How the wizard is bundled (esbuild options shared by build.mjs and the first-frame benchmark, whose
// baseline is a one-line Ink app bundled the same way).
//
// Ink, React and the rest of the wizard's packages go inside, in React's production build: resolving and
// compiling them one by one from node_modules cost most of the time before the first frame.
// - react-devtools-core: Ink imports it only when DEV=true, and it is not a dependency: left outside.
// - CommonJS packages inside (react, scheduler, signal-exit) get a real `require` for Node's modules.
// - Yoga's WebAssembly is inline base64 that its loader would fetch() as a data: URL when fetch exists,
//   which loads Node's whole fetch implementation (undici) first: the bytes are handed to it instead.
// - Node's built-in modules are reached with require(): an ES import of one makes Node read every export,
//   which runs its lazy getters (node:crypto then loads WebCrypto, node:fs loads fs/promises, …).
import { isBuiltin } from 'node:module';

export const WIZARD_EXTERNAL = ['react-devtools-core'];

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
      name: 'builtins-by-require',
      setup(b) {
        b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
          args.kind === 'import-statement' && isBuiltin(args.path) && args.path !== 'node:module' ? { path: args.path, namespace: 'builtin' } : undefined);
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
