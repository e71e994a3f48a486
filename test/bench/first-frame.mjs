// Time to the first frame of the wizard (`ccdoctor` in a terminal, home screen painted) against a
// minimal Ink app that renders one line, alternating in the same run. Each process gets a pseudo-
// terminal from util-linux `script`, with CI unset, and is timed from spawn until its text arrives.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const MINIMAL = "import React from 'react'; import { render, Text } from 'ink'; render(React.createElement(Text, null, 'minimal-first-frame'));";

const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

function timeToText(command, text, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, TERM: 'xterm-256color' };
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    const t0 = process.hrtime.bigint();
    // An 80x24 terminal for both (a fresh pty has no size, and Ink would wrap at column 0).
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], { cwd: root, env, detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no "${text}" within ${timeoutMs} ms from: ${command}\n${out.slice(-500)}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString('utf8');
      if (out.includes(text)) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        clearTimeout(timer);
        stop();
        resolve(ms);
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run(runs = Number(process.env.BENCH_RUNS ?? 15)) {
  const wizard = `${sh(process.execPath)} ${sh(cli)}`;
  const minimal = `${sh(process.execPath)} --input-type=module -e ${sh(MINIMAL)}`;
  const base = [];
  const ours = [];
  for (let i = 0; i < 2; i++) {
    await timeToText(minimal, 'minimal-first-frame');
    await timeToText(wizard, 'Try the demo host');
  }
  for (let i = 0; i < runs; i++) {
    base.push(await timeToText(minimal, 'minimal-first-frame'));
    ours.push(await timeToText(wizard, 'Try the demo host'));
  }
  const b = median(base);
  const o = median(ours);
  console.log('Wizard first frame (ccdoctor home screen vs a one-line Ink app, both in a pty)');
  console.log(`  runs: ${runs} each, alternating`);
  console.log(`  minimal Ink app  median ${b.toFixed(1)} ms (min ${Math.min(...base).toFixed(1)})`);
  console.log(`  ccdoctor wizard  median ${o.toFixed(1)} ms (min ${Math.min(...ours).toFixed(1)})`);
  const minRatio = Math.min(...ours) / Math.min(...base);
  console.log(`  ratio ${(o / b).toFixed(2)}x of medians, ${minRatio.toFixed(2)}x of minimums (target ≤ 1.1x)`);
  return { baselineMs: b, oursMs: o, ratio: o / b, minRatio };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
