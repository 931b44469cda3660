/** One schema step. Versions are consecutive; the store's user_version is the last applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
