/**
 * Structured JSON logs (pino) on stdout: one line per request with its id, method, path, status and
 * duration. Never bodies, cookies, Authorization headers, tokens or query strings (which may carry
 * secrets), so only the path is logged.
 *
 * @example
 * const log = createLogger('info', { sync: false }); // request lines, written asynchronously
 * const fetch = withRequestLog(app.fetch, log);
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export function createLogger(level = 'info', { sync = true } = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'citypeers', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // belt and braces: should anyone log a request or headers object, these never reach the log
    redact: { paths: ['headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie', 'token', 'password', '*.token', '*.password'], censor: '[redacted]' },
  };
  // sync: false batches lines written while an earlier write is in flight (no per-request write
  // system call under load); lines still leave at once when the process is quiet
  return pino(options, pino.destination({ dest: 1, sync }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fetch = (req: Request, ...rest: any[]) => Response | Promise<Response>;

/** Wraps a fetch handler so every request is logged when answered (requestId from `X-Request-Id`). */
export function withRequestLog<F extends Fetch>(fetch: F, log: Logger): F {
  return (async (req: Request, ...rest: unknown[]) => {
    const started = performance.now();
    const res = await fetch(req, ...rest);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const line = { requestId: res.headers.get('x-request-id') ?? undefined, method: req.method, path: new URL(req.url).pathname, status: res.status, durationMs };
    if (res.status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
    return res;
  }) as F;
}

/** Hides the credentials part of a database URL (`libsql://user:secret@host` → `libsql://***@host`). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').replace(/([?&](authToken|token)=)[^&]*/gi, '$1***');
}
