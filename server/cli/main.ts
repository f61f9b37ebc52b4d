/**
 * The `citypeers` command: a small dispatcher. Each subcommand lives in its own module and
 * is loaded only when used. Exit codes: 0 ok, 2 bad input or arguments, 1 unexpected failure.
 */
import { CsvError } from './csv';
import { processIo, UsageError, type Io } from './io';

type Command = { summary: string; run: (args: string[], io: Io) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'run an analytics method (kmeans, ward, pca, silhouette, neighbors, zscore) on a CSV',
    run: async (args, io) => (await import('./analyze')).analyze(args, io),
  },
  backup: {
    summary: 'consistent online copy of the embedded database (VACUUM INTO) while it serves',
    run: async (args, io) => (await import('./backup')).backup(args, io),
  },
  restore: {
    summary: 'replace the embedded database with a checked backup (integrity, schema version)',
    run: async (args, io) => (await import('./restore')).restore(args, io),
  },
  export: {
    summary: 'anonymised research export of rounds to a ZIP (CSV, JSON, Parquet, codebook, risk report)',
    run: async (args, io) => (await import('./export')).exportCommand(args, io),
  },
  import: {
    summary: 'import scores (or --context values) from CSV/XLSX: all rows in one transaction, or none',
    run: async (args, io) => (await import('./import')).importCommand(args, io),
  },
  'export-round': {
    summary: "a round's scores (or its import template) as CSV/XLSX",
    run: async (args, io) => (await import('./export-round')).exportRound(args, io),
  },
  user: {
    summary: 'create an account (e.g. the first admin) or disable one',
    run: async (args, io) => (await import('./user')).user(args, io),
  },
};

const HELP = `citypeers <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run "citypeers <command> --help" for details.`;

/**
 * Runs the command line and returns the exit code (never calls process.exit).
 * @example process.exitCode = await run(['analyze', 'zscore', '--input', 'x.csv'])
 */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`citypeers: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof CsvError || e instanceof RangeError) {
      io.err(`citypeers ${name}: ${e.message}`);
      return 2;
    }
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof ReferenceError)) {
      // analytics functions throw plain Errors whose message states the violated rule
      io.err(`citypeers ${name}: ${e.message}`);
      return 2;
    }
    io.err(`citypeers ${name}: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 1;
  }
}
