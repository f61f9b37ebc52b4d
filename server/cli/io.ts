/** Output sinks and the error type of the command line (kept tiny so commands are testable in-process). */

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A mistake in the command line or its input; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** stdout / stderr of this process. */
export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};
