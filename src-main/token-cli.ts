import { join } from 'node:path';
import { CreateAccountInput, ServiceRole } from '../src-preload/contract/ops';
import { AccountService } from './core/ops/accounts';
import { systemClock } from './core/ports/clock';
import { newId, newSecret } from './lib/ids';
import { parseHostOptions } from './options';
import { createNodePlatform } from './platform/node-platform';
import { loadSecret } from './platform/secrets';
import { createSqliteOpsRepo } from './store/ops-repo';
import { openSqliteStore } from './store/sqlite-store';

export const TOKEN_USAGE = `Usage: npm run serve -- token <command> [--data-dir <path>]
  token create --name <name> --role viewer|operator|admin [--ttl-days <n>]   prints the new token (shown once)
  token list                                                                lists accounts
  token revoke <account-id>                                                 the token stops working at once
Works on the data folder directly, with or without the app running. The signing key is
DUAL_ORCH_JWT_SECRET if set, else <data>/secrets/jwt.key. A desktop app that keeps its key
in the OS keychain cannot be reached this way: use Settings → Service accounts there.`;

/**
 * `serve.js token …`: service-account tokens from a terminal or CI script,
 * the same accounts the settings view and POST /api/v1/accounts manage.
 * Returns the process exit code.
 */
export async function runTokenCommand(argv: readonly string[], out: (s: string) => void, errOut: (s: string) => void): Promise<number> {
  const [cmd, ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    if (m) flags.set(m[1]!, m[2] ?? rest[++i] ?? '');
    else positional.push(a);
  }
  const opts = parseHostOptions(flags.has('data-dir') ? ['--data-dir', flags.get('data-dir')!] : []);
  if (!opts.ok) {
    errOut(opts.error.message);
    return 2;
  }
  const dataDir = opts.value.dataDir;
  if (cmd !== 'create' && cmd !== 'list' && cmd !== 'revoke') {
    errOut(TOKEN_USAGE);
    return 2;
  }
  const secret = loadSecret({
    name: 'jwt', envName: 'DUAL_ORCH_JWT_SECRET', envValue: process.env.DUAL_ORCH_JWT_SECRET, minLength: 32, dataDir,
    platform: createNodePlatform(), generate: () => newSecret(32),
  });
  if (!secret.ok) {
    errOut(secret.error.message);
    return 2;
  }
  const store = openSqliteStore({ file: join(dataDir, 'orchestrator.sqlite') });
  if (!store.ok) {
    errOut(store.error.message);
    return 2;
  }
  try {
    const accounts = new AccountService({ repo: createSqliteOpsRepo(store.value.db).accounts, clock: systemClock, secret: new TextEncoder().encode(secret.value.value), newId: (p) => newId(p) });
    if (cmd === 'list') {
      for (const a of accounts.list()) out(`${a.id}\t${a.role}\t${a.name}\t${a.revokedAt ? 'revoked' : 'active'}`);
      return 0;
    }
    if (cmd === 'revoke') {
      const r = accounts.revoke(positional[0] ?? '');
      if (!r.ok) {
        errOut(r.error.message);
        return 1;
      }
      out(`revoked ${r.value.id} (${r.value.name})`);
      return 0;
    }
    const role = ServiceRole.safeParse(flags.get('role'));
    const input = CreateAccountInput.safeParse({
      name: flags.get('name'),
      role: role.success ? role.data : flags.get('role'),
      ...(flags.has('ttl-days') ? { ttlDays: Number(flags.get('ttl-days')) } : {}),
    });
    if (!input.success) {
      errOut(`Invalid token request: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${TOKEN_USAGE}`);
      return 2;
    }
    const r = await accounts.create(input.data);
    if (!r.ok) {
      errOut(r.error.message);
      return 1;
    }
    errOut(`created ${r.value.account.id} (${r.value.account.role} "${r.value.account.name}"); the token below is shown once:`);
    out(r.value.token);
    return 0;
  } finally {
    store.value.close();
  }
}
