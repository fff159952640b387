/**
 * The app's one log: JSON lines in the data folder, which IT collects when something goes wrong,
 * so anything secret is censored before it reaches the file.
 */
import { join } from 'node:path';
import { destination, levels, pino, type Logger as PinoLogger } from 'pino';

/** The logger every module receives; pino's, so child loggers and levels work as documented. */
export type Logger = PinoLogger;

/** Where the log goes and how much of it; `level` is `HANDOFF_LOG_LEVEL`, unchecked. */
export interface LoggerOptions {
  dataDir: string;
  level?: string | undefined;
}

const DEFAULT_LEVEL = 'info';

// Credentials may ride along in request options or error objects; one level of nesting covers
// what Handoff logs (see https://getpino.io/#/docs/redaction for the path syntax).
const REDACT_PATHS = [
  'authToken',
  '*.authToken',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  // Redaction paths are case-sensitive, and fetch callers spell the header with a capital.
  'Authorization',
  '*.Authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

/** Builds the file logger; an unknown level falls back to `info` and says so instead of crashing startup. */
export function createLogger(options: LoggerOptions): Logger {
  const wanted = options.level?.trim().toLowerCase() ?? '';
  // `silent` is a level pino accepts without numbering it.
  const known = wanted === 'silent' || Object.hasOwn(levels.values, wanted);
  const logger = pino(
    {
      level: known ? wanted : DEFAULT_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    // Synchronous writes: a crash right after a log call still leaves the line in the file.
    destination({ dest: join(options.dataDir, 'logs', 'handoff.log'), sync: true, mkdir: true }),
  );
  if (!known && wanted !== '') {
    logger.warn({ requested: options.level }, `unknown log level, using ${DEFAULT_LEVEL}`);
  }
  return logger;
}
