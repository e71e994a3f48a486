import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/core/io.js';

/** A CliIO whose stdout and stderr are collected (isTTY as asked), for a command run in-process. */
export function captureIo(env: NodeJS.ProcessEnv, cwd: string, tty = false): { io: CliIO; out: () => string; err: () => string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (e += c.toString('utf8')));
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  return { io: { stdout, stderr, stdin, env, cwd }, out: () => o, err: () => e };
}
