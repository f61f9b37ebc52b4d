/**
 * A progress bar on stderr: redrawn in place on a terminal, and a line at each quarter otherwise
 * (logs, tests), so large imports show they are moving.
 *
 * @example
 * const bar = progressBar(io);
 * bar('validated', 5000, 10000); // validated [##########          ] 5000/10000
 */
import { processIo, type Io } from './io';

const WIDTH = 30;

export function progressBar(io: Io, tty = io === processIo && Boolean(process.stderr.isTTY)) {
  const shown = new Map<string, number>();
  return (phase: string, done: number, total: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * WIDTH);
    const line = `${phase.padEnd(9)} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${done}/${total}`;
    if (tty) {
      process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
      return;
    }
    const quarter = Math.floor(share * 4);
    if ((shown.get(phase) ?? -1) >= quarter) return;
    shown.set(phase, quarter);
    io.err(line);
  };
}
