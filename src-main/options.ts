import { resolve } from 'node:path';
import { err, ok, type Result } from '../src-preload/contract/result';
import { defaultDataDir } from './platform/data-dir';

/** Default port of the loopback server; if taken and not chosen explicitly, any free port is used. */
export const DEFAULT_PORT = 7317;
export const DEFAULT_HOST = '127.0.0.1';

export interface HostOptions {
  dataDir: string;
  host: string;
  port: number;
  portExplicit: boolean;
  /** Fixed token (DUAL_ORCH_TOKEN) or null for a fresh random one per start. */
  token: string | null;
  openBrowser: boolean;
}

export const USAGE = `Options (each also as an environment variable):
  --data-dir <path>   data folder            DUAL_ORCH_DATA_DIR  (default: the OS app-data folder)
  --port <n>          server port, 0 = any   DUAL_ORCH_PORT      (default: ${DEFAULT_PORT})
  --host <address>    bind address           DUAL_ORCH_HOST      (default: ${DEFAULT_HOST}; anything else exposes your terminals)
  --token <secret>    fixed access token     DUAL_ORCH_TOKEN     (default: random each start)
  --open              open the browser UI after start`;

/** Parses argv + environment; a bad value is an error value with a message for the person. */
export function parseHostOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Result<HostOptions> {
  const flags = new Map<string, string>();
  let openBrowser = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--open') {
      openBrowser = true;
      continue;
    }
    const m = /^--(data-dir|port|host|token)(?:=(.*))?$/.exec(a);
    // Electron and Chromium add switches of their own: only our flags are ours to judge.
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value === undefined) return err('bad_input', `--${m[1]} needs a value.\n${USAGE}`);
    flags.set(m[1]!, value);
  }
  const portText = flags.get('port') ?? env.DUAL_ORCH_PORT;
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) return err('bad_input', `Invalid port "${portText}": use 0–65535.`);
  }
  const host = flags.get('host') ?? env.DUAL_ORCH_HOST ?? DEFAULT_HOST;
  const dataDir = resolve(flags.get('data-dir') ?? env.DUAL_ORCH_DATA_DIR ?? defaultDataDir(env));
  const token = flags.get('token') ?? env.DUAL_ORCH_TOKEN ?? null;
  if (token !== null && token.length < 16) return err('bad_input', 'The access token must be at least 16 characters.');
  return ok({ dataDir, host, port, portExplicit: portText !== undefined, token, openBrowser });
}
