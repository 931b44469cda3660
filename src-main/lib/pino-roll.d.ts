/** pino-roll ships no types: its one export is an async factory of a SonicBoom stream. */
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  const roll: (opts: Record<string, unknown>) => Promise<DestinationStream & { end(): void; once(e: string, f: () => void): void }>;
  export default roll;
}
