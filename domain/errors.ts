/**
 * The one error type of Orienta. `code` is stable (tests, logs and the CLI's exit codes rely on it);
 * `message` is for staff reading a terminal or a log; the original error is kept as `cause`.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DATA_DIR_LOCKED'
  | 'DATA_DIR_UNREADABLE'
  | 'DB_UNAVAILABLE'
  | 'SCHEMA_TOO_NEW'
  | 'MIGRATION_FAILED'
  | 'INPUT_INVALID'
  | 'NOT_FOUND'
  | 'EMBEDDER_FAILED'
  | 'INTERNAL';

export class OrientaError extends Error {
  override readonly name = 'OrientaError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export function isOrientaError(e: unknown, code?: ErrorCode): e is OrientaError {
  return e instanceof OrientaError && (code === undefined || e.code === code);
}
