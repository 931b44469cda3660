import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AccountInfo, CreateAccountInput, CreatedAccount } from '../../../src-preload/contract/ops';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { Clock } from '../ports/clock';
import type { AccountRepo } from './ports';
import type { Principal } from './roles';

/** The `iss` of every token we mint: a token from another issuer is not ours. */
export const TOKEN_ISSUER = 'dual-orchestrator';
/** last_used_at is a convenience for the settings view, not an audit log: one write a minute per account is plenty. */
const TOUCH_EVERY_MS = 60_000;
/** HS256 needs a key at least as long as its hash (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** Why a call was refused; logged and counted, and told to the caller. */
export type DenyReason = 'missing_token' | 'malformed_token' | 'bad_signature' | 'expired' | 'revoked' | 'unknown_account' | 'forbidden_role';

export interface AccountDeps {
  repo: AccountRepo;
  clock: Clock;
  /** The HS256 signing key (from the environment, the keychain or the private key file). */
  secret: Uint8Array;
  newId(prefix: string): string;
}

/**
 * Service accounts with JWT (HS256) bearer tokens. The token names its
 * account and token id; the account row decides the role and whether it was
 * revoked, so revoking takes effect on the next call and a token cannot
 * grant itself a role.
 */
export class AccountService {
  private readonly lastTouch = new Map<string, number>();

  constructor(private readonly deps: AccountDeps) {
    if (deps.secret.byteLength < MIN_SECRET_BYTES) throw new Error(`JWT secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }

  list(): AccountInfo[] {
    return this.deps.repo.list();
  }

  async create(input: CreateAccountInput): Promise<Result<CreatedAccount>> {
    const now = this.deps.clock.now();
    const id = this.deps.newId('acct');
    const tokenId = this.deps.newId('tok');
    const expiresAt = input.ttlDays === undefined ? null : now + input.ttlDays * 86_400_000;
    const jwt = new SignJWT({ role: input.role, name: input.name })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(id)
      .setJti(tokenId)
      .setIssuedAt(Math.floor(now / 1000));
    if (expiresAt !== null) jwt.setExpirationTime(Math.floor(expiresAt / 1000));
    const token = await jwt.sign(this.deps.secret);
    this.deps.repo.insert({ id, name: input.name, role: input.role, createdAt: now, tokenId, expiresAt });
    const account = this.deps.repo.get(id);
    if (!account) return err('internal', 'The new account was not stored.');
    const { tokenId: _t, expiresAt: _e, ...info } = account;
    return ok({ account: info, token });
  }

  revoke(id: string): Result<AccountInfo> {
    const a = this.deps.repo.get(id);
    if (!a) return err('not_found', `No account ${id}.`);
    if (a.revokedAt !== null) return err('conflict', `Account ${a.name} was already revoked.`);
    this.deps.repo.revoke(id, this.deps.clock.now());
    const { tokenId: _t, expiresAt: _e, ...info } = this.deps.repo.get(id)!;
    return ok(info);
  }

  /** Checks a bearer token: signature, issuer, expiry, then the account it names. */
  async verify(token: string): Promise<Result<Principal & { kind: 'account' }, { code: DenyReason; message: string }>> {
    const deny = (code: DenyReason, message: string) => ({ ok: false as const, error: { code, message } });
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return deny('malformed_token', 'The bearer token is not a JWT.');
    let sub: string | undefined;
    let jti: string | undefined;
    try {
      const r = await jwtVerify(token, this.deps.secret, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        currentDate: new Date(this.deps.clock.now()),
      });
      sub = r.payload.sub;
      jti = r.payload.jti;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return deny('expired', 'The token has expired; create a new one.');
      if (e instanceof joseErrors.JWSSignatureVerificationFailed) return deny('bad_signature', 'The token signature does not match this app’s key.');
      return deny('malformed_token', `The token was refused: ${(e as Error).message}`);
    }
    const a = sub ? this.deps.repo.get(sub) : undefined;
    if (!a || a.tokenId !== jti) return deny('unknown_account', 'The token names no account of this app.');
    if (a.revokedAt !== null) return deny('revoked', `The account ${a.name} was revoked.`);
    const now = this.deps.clock.now();
    if ((this.lastTouch.get(a.id) ?? -Infinity) + TOUCH_EVERY_MS <= now) {
      this.lastTouch.set(a.id, now);
      this.deps.repo.touch(a.id, now);
    }
    return ok({ kind: 'account', accountId: a.id, name: a.name, role: a.role });
  }
}
