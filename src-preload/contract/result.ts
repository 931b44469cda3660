/**
 * The Result envelope every contract answer travels in. Expected failures are
 * values (DESIGN.md §8.3); only bugs throw. Pure TS: shared by main, preload
 * and renderer.
 */

/** Machine-readable error codes; the message is for people. */
export const ERROR_CODES = [
  'bad_input', // payload failed schema validation; nothing changed
  'not_found', // unknown session / resource id
  'invalid_state', // the request does not fit the resource's lifecycle state
  'command_not_found', // the agent command is not on PATH / does not exist
  'bad_cwd', // working folder missing, not a folder, or not writable
  'spawn_failed', // the OS refused to start the process
  'unauthorized', // missing or wrong token / sender
  'forbidden', // authenticated but not allowed
  'conflict', // e.g. already running, already decided
  'unavailable', // a dependency (store, pty host) is not usable right now
  'internal', // a bug: logged with its stack
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Optional structured detail (e.g. zod issues for bad_input). */
  readonly details?: unknown;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E = AppError> = { readonly ok: false; readonly error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Err<AppError> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
