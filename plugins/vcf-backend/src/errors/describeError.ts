/**
 * Messages of errors that may be shown to users (sync status, audit rows). Database errors carry the whole SQL
 * statement in their message (knex prepends it); only the database's own cause is kept.
 */

const MAX_LENGTH = 2000;

interface DatabaseErrorLike {
  name?: string;
  code?: unknown;
  message: string;
}

/** Whether an error comes from the database driver (SQLite or PostgreSQL), as knex throws it. @internal */
export function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  if (!(error instanceof Error)) return false;
  const code = (error as DatabaseErrorLike).code;
  return (
    error.name === 'SqliteError' ||
    error.constructor.name === 'DatabaseError' ||
    (typeof code === 'string' && code.startsWith('SQLITE_'))
  );
}

/** The database's cause of a driver error, without the statement knex put in front of it. */
function databaseCause(error: DatabaseErrorLike): string {
  const separator = error.message.lastIndexOf(' - ');
  const cause =
    separator >= 0 ? error.message.slice(separator + 3) : error.message;
  const code = typeof error.code === 'string' ? ` (${error.code})` : '';
  return `The database refused the operation${code}: ${cause}`;
}

/**
 * A message for users: the error's own message, or the database's cause for a database error; never a SQL
 * statement; at most 2,000 characters.
 * @internal
 */
export function describeError(error: unknown): string {
  let message: string;
  if (isDatabaseError(error)) message = databaseCause(error);
  else if (error instanceof Error) message = error.message;
  else message = String(error);
  return message.length > MAX_LENGTH
    ? `${message.slice(0, MAX_LENGTH)}…`
    : message;
}
