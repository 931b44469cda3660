/** Messages between the core and its screen worker (structured-clone safe). */
export type ToWorker =
  | { t: 'create'; id: number; cols: number; rows: number }
  | { t: 'write'; id: number; data: string }
  | { t: 'resize'; id: number; cols: number; rows: number }
  | { t: 'snapshot'; id: number; req: number; scrollback?: number }
  | { t: 'text'; id: number; req: number }
  | { t: 'dispose'; id: number };

export type FromWorker =
  | { t: 'parsed'; id: number; chars: number }
  | { t: 'snapshot'; req: number; data: string; parsed: number; cols: number; rows: number }
  | { t: 'text'; req: number; lines: string[]; cursor: { x: number; y: number }; parsed: number; cols: number; rows: number }
  | { t: 'missing'; req: number };
