/** The real `citypeers` binary in a child process, for command-line tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time including process start. */
  ms: number;
}

/**
 * Run `citypeers …args` in `cwd` (with `env`, default this process's) and collect its output.
 * @example const { code, stdout } = await runCitypeers(['analyze', 'zscore', '--input', 'x.csv'], { cwd: dir })
 */
export function runCitypeers(args: string[], { cwd, env }: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../server/cli/citypeers.js'), ...args], { cwd, env });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
