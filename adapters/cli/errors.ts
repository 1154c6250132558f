import { isOrientaError, type ErrorCode } from '../../domain/errors.js';

/** Exit codes: 2 for a command used wrongly, 3 for a store someone else holds, 1 for the rest. */
const EXIT: Partial<Record<ErrorCode, number>> = { INPUT_INVALID: 2, CONFIG_INVALID: 2, DATA_DIR_LOCKED: 3 };

export class UsageError extends Error {}

/** The command already said what went wrong (a result table); only the exit code is left to set. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode = 1) {
    super('reported');
  }
}

/** One line for a person, never a stack trace; the detail goes to the log at debug level. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (error instanceof ReportedFailure) return error.exitCode;
  if (error instanceof UsageError) {
    stderr.write(`orienta: ${error.message}\n`);
    return 2;
  }
  if (isOrientaError(error)) {
    stderr.write(`orienta: ${error.message}\n`);
    return EXIT[error.code] ?? 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`orienta: unexpected error: ${message.split('\n')[0]}\n`);
  return 1;
}
