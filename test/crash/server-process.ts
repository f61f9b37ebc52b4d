/**
 * Spawns the real server (`node --import tsx server/index.ts`, or server/cluster.ts) on a given
 * database file, as a separate process that can be SIGKILLed, and waits for its listening line.
 *
 * @example
 * const s = await spawnServer({ DATABASE_URL: 'file:/tmp/x.db' });
 * await fetch(s.url + '/api/health'); s.kill('SIGKILL'); await s.exited;
 */
import { spawn } from 'node:child_process';

export interface ServerProcess {
  url: string;
  pid: number;
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
}

export async function spawnServer(env: Record<string, string>, entry = 'server/index.ts', nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(log);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    }, 10);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return { url, pid: child.pid!, output: () => log, kill: (signal) => child.kill(signal), exited };
}
