#!/usr/bin/env node
'use strict';
// The ccdoctor executable (copied to dist/cli.js). It runs the bundles through V8's code cache, which saves
// compiling them on every start: dist/core.js (every command; cache made at build time by a demo check) and,
// only when the wizard starts, dist/ui.js (the wizard with Ink and React; cache made at build time by
// painting its home screen, src/tools/ui-code-cache.mjs). A cache V8 rejects (another Node version) just
// means a normal compile. The bundles are ASCII (the build escapes the rest), read as latin1: no UTF-8
// decoding. Code restored from a cache loses the callback of import(): the bundles use none.
const vm = require('node:vm');
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

/**
 * dist/<name>.js compiled as the body of a function with these parameters (async: the wizard's bundle
 * holds modules with top-level await), with its code cache when there is one.
 */
function compileBundle(name, head) {
  const file = join(__dirname, `${name}.js`);
  const cacheFile = join(__dirname, `${name}.cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(${head} {${readFileSync(file, 'latin1')}\n})`, { filename: file, cachedData });
  return {
    run: script.runInThisContext(),
    // import.meta.url in the bundle; computed only when asked (finding the package folder), not on every start.
    importMeta: {
      get url() {
        return pathToFileURL(file).href;
      },
    },
    writeCache() {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    },
  };
}

/** The wizard's bundle, run: resolves with its exports (runWizard) and the writer of its code cache. */
function openWizard() {
  const ui = compileBundle('ui', 'async function (require, __ccdoctor_import_meta, __ccdoctor_exports)');
  const exports = {};
  return ui.run(require, ui.importMeta, exports).then(() => ({ exports, writeCache: ui.writeCache }));
}

function loadWizard() {
  return openWizard().then((ui) => ui.exports);
}

function runCore(argv, io) {
  const core = compileBundle('core', 'function (exports, require, module, __filename, __dirname, __ccdoctor_import_meta)');
  const mod = { exports: {} };
  core.run(mod.exports, require, mod, join(__dirname, 'core.js'), __dirname, core.importMeta);
  globalThis.__ccdoctorLoadWizard = loadWizard;
  mod.exports.main(argv, io).then((code) => {
    if (process.env.CCDOCTOR_WRITE_CODE_CACHE === '1') core.writeCache();
    process.exitCode = code;
  });
}

function main() {
  // Lazy: Node creates a stdio stream on first access, and stdin's costs milliseconds a plain check never needs.
  const io = {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
  const argv = process.argv.slice(2);
  // The wizard starts straight away when there is nothing else to do: no command, and both ends are
  // terminals outside CI (the same test as isInteractive in src/core/terminal/tty.ts).
  const on = (k) => k in process.env && process.env[k] !== '0' && process.env[k] !== 'false';
  if (argv.length === 0 && process.stdin.isTTY && process.stdout.isTTY && !on('CI') && !on('CONTINUOUS_INTEGRATION')) {
    loadWizard()
      .then((ui) => ui.runWizard(io))
      .then((code) => {
        process.exitCode = code;
      });
  } else {
    runCore(argv, io);
  }
}

// Run, or (required by the build's src/tools/ui-code-cache.mjs) only give the wizard's bundle.
if (require.main === module) main();
else module.exports = { openWizard };
