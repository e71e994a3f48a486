#!/usr/bin/env node
'use strict';
// The ccdoctor executable (copied to dist/cli.js). It runs the bundles through V8's code cache, which saves
// compiling them on every start: dist/core.js (every command; cache made at build time by a demo check) and,
// only when the wizard starts, dist/ui.js (the wizard with Ink and React; cache made at build time by
// painting its home screen, src/tools/ui-code-cache.mjs). A cache V8 rejects (another Node version) just
// means a normal compile. The bundles are ASCII (the build escapes the rest), read as latin1: no UTF-8
// decoding. Code restored from a cache loses the callback of import(): the bundles use none.
const vm = require('node:vm');
const { readFileSync, writeFileSync, renameSync, writeSync, fstatSync, statSync } = require('node:fs');
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
  let stdout;
  let stderr;
  const io = {
    get stdout() {
      if (stdout === undefined) stdout = directStream(1, () => process.stdout) ?? process.stdout;
      return stdout;
    },
    get stderr() {
      if (stderr === undefined) stderr = directStream(2, () => process.stderr) ?? process.stderr;
      return stderr;
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

/**
 * stdout or stderr as a file, /dev/null or a pipe, written straight to the descriptor: creating
 * process.stdout or process.stderr loads Node's stream modules (and for a pipe its net modules),
 * milliseconds on every run for a stream a command only writes to. Anything else asked of it is the
 * process stream's. A write that would block (a non-blocking pipe) hands over to that stream for the rest
 * of the run, in order; a reader that went away (`| head`: EPIPE) ends the output quietly, as it ends a
 * command line's. Not on Windows, nor for a terminal (a character device other than /dev/null) or a socket.
 */
function directStream(fd, stream) {
  if (process.platform === 'win32') return undefined;
  let stat;
  try {
    stat = fstatSync(fd);
    if (stat.isCharacterDevice() && stat.rdev !== statSync('/dev/null').rdev) return undefined;
  } catch {
    return undefined;
  }
  if (!stat.isFile() && !stat.isFIFO() && !stat.isCharacterDevice()) return undefined;
  let handedOver = false;
  let gone = false;
  const write = (chunk, encoding, callback) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (handedOver) return stream().write(chunk, typeof encoding === 'string' ? encoding : undefined, done);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    let at = 0;
    try {
      while (!gone && at < bytes.length) at += writeSync(fd, bytes, at);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        handedOver = true;
        return stream().write(bytes.subarray(at), done);
      }
      if (e.code !== 'EPIPE') throw e;
      gone = true;
    }
    if (done) process.nextTick(done);
    return true;
  };
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (key === 'write') return write;
        if (key === 'isTTY') return false;
        const s = stream();
        const value = s[key];
        return typeof value === 'function' ? value.bind(s) : value;
      },
    },
  );
}

// Run, or (required by the build's src/tools/ui-code-cache.mjs) only give the wizard's bundle.
if (require.main === module) main();
else module.exports = { openWizard };
