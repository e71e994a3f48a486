#!/usr/bin/env node
'use strict';
// The ccdoctor executable (copied to dist/cli.js). It runs the CommonJS bundle dist/core.js through V8's
// code cache (dist/core.cache, made at build time by a demo check), which saves compiling ~300 KB on
// every start. A cache V8 rejects (another Node version) just means a normal compile. core.js is ASCII
// (the build escapes the rest), read as latin1: no UTF-8 decoding. The wizard is an ES module of its own
// (dist/ui.mjs), loaded only when it starts.
const vm = require('node:vm');
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

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
  import('./ui.mjs')
    .then((ui) => ui.runWizard(io))
    .then((code) => {
      process.exitCode = code;
    });
} else {
  runCore();
}

function runCore() {
  const core = join(__dirname, 'core.js');
  const cacheFile = join(__dirname, 'core.cache');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __ccdoctor_import_meta) {${readFileSync(core, 'latin1')}\n})`, {
    filename: core,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const mod = { exports: {} };
  // import.meta.url in the bundle; computed only when asked (finding the package folder), not on every start.
  const importMeta = {
    get url() {
      return pathToFileURL(__filename).href;
    },
  };
  script.runInThisContext()(mod.exports, require, mod, core, __dirname, importMeta);

  globalThis.__ccdoctorLoadWizard = () => import('./ui.mjs');
  mod.exports.main(argv, io).then((code) => {
    if (process.env.CCDOCTOR_WRITE_CODE_CACHE === '1') {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    }
    process.exitCode = code;
  });
}
