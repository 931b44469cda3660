import type { ProcRow } from './tree';

/** ps(1) reports rss in 1024-byte units on macOS and the BSDs. */
const PS_RSS_UNIT_BYTES = 1024;

/**
 * Parses ps's cumulative `time` column: `[[dd-]hh:]mm:ss[.ss]`. macOS prints
 * minutes past 59 without hours (`125:03.21`), procps prints `dd-hh:mm:ss`;
 * both are handled. Returns ms, or null when the text is not a time.
 */
export function parsePsTime(text: string): number | null {
  const match = /^(?:(\d+)-)?((?:\d+:){0,2})(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const days = Number(match[1] ?? 0);
  const upper = (match[2] ?? '').split(':').filter((part) => part !== '').map(Number);
  const seconds = Number(match[3]);
  const minutes = upper.length > 0 ? (upper[upper.length - 1] as number) : 0;
  const hours = upper.length > 1 ? (upper[0] as number) : 0;
  return Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}

/** Parses `ps -A -o pid=,ppid=,rss=,time=` output; malformed lines are skipped. */
export function parsePsOutput(stdout: string): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 4) continue;
    const pid = Number(fields[0]);
    const ppid = Number(fields[1]);
    const rssKb = Number(fields[2]);
    const cpuMs = parsePsTime(fields[3] as string);
    if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isFinite(rssKb) || cpuMs === null) continue;
    rows.push({ pid, ppid, cpuMs, rssBytes: rssKb * PS_RSS_UNIT_BYTES });
  }
  return rows;
}
