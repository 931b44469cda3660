import { z } from 'zod';

/**
 * Leases on shared resources (MISSION.md "Locks on shared resources"): the
 * input schemas and answer shapes shared by the core, the control API, the
 * MCP tools and the UI locks panel. Every surface parses with these schemas,
 * so a limit changes in one place.
 */

/**
 * Priorities are bounded so the fairness bound is finite: a waiter can be
 * overtaken only by requests whose priority exceeds its own, and the largest
 * possible gap is MAX - MIN (see core/locks/fairness.ts).
 */
export const MIN_LOCK_PRIORITY = 0;
export const MAX_LOCK_PRIORITY = 100;
/** Middle of the range, so callers can go either way without renumbering. */
export const DEFAULT_LOCK_PRIORITY = 50;

/** Shorter leases would expire between two renewals of a busy agent. */
export const MIN_LOCK_TTL_MS = 100;
/** A crashed holder blocks a resource for at most this long (1 h); longer work renews. */
export const MAX_LOCK_TTL_MS = 60 * 60 * 1_000;
/** Long enough for a build step, short enough that a crashed holder is noticed soon. */
export const DEFAULT_LOCK_TTL_MS = 30_000;

/** Nobody should block for more than 10 min on one call; retry (the queue place is kept). */
export const MAX_LOCK_WAIT_MS = 10 * 60 * 1_000;

/** Names such as "repo:/home/me/app", "port:5173", "npm-cache", "testdb:orders". */
export const LockResource = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\p{Cc}]+$/u, 'resource names have no control characters');
export type LockResource = z.infer<typeof LockResource>;

/** Usually a session id; anything printable identifies a holder (CLI users, tests). */
export const LockOwner = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, 'owner names have no control characters');
export type LockOwner = z.infer<typeof LockOwner>;

export const LockPriority = z.number().int().min(MIN_LOCK_PRIORITY).max(MAX_LOCK_PRIORITY);
export const LockTtlMs = z.number().int().min(MIN_LOCK_TTL_MS).max(MAX_LOCK_TTL_MS);
/** A fencing token: positive, increases on every grant of one resource, never reused. */
export const FencingToken = z.number().int().positive();

export const AcquireLockInput = z.object({
  resource: LockResource,
  owner: LockOwner,
  ttlMs: LockTtlMs.default(DEFAULT_LOCK_TTL_MS),
  priority: LockPriority.default(DEFAULT_LOCK_PRIORITY),
  /** 0 = try once and answer at once; otherwise queue for at most this long. */
  waitMs: z.number().int().min(0).max(MAX_LOCK_WAIT_MS).default(0),
});
export type AcquireLockInput = z.input<typeof AcquireLockInput>;

export const RenewLockInput = z.object({
  resource: LockResource,
  owner: LockOwner,
  token: FencingToken,
  ttlMs: LockTtlMs.default(DEFAULT_LOCK_TTL_MS),
});
export type RenewLockInput = z.input<typeof RenewLockInput>;

export const ReleaseLockInput = z.object({
  resource: LockResource,
  owner: LockOwner,
  token: FencingToken,
});
export type ReleaseLockInput = z.input<typeof ReleaseLockInput>;

/** Fencing check for whoever guards the resource: is this token the current holder's? */
export const VerifyLockInput = z.object({
  resource: LockResource,
  token: FencingToken,
});
export type VerifyLockInput = z.input<typeof VerifyLockInput>;

export const QueryLocksInput = z.object({
  /** Absent → every resource that has a holder or waiters. */
  resource: LockResource.optional(),
  owner: LockOwner.optional(),
});
export type QueryLocksInput = z.input<typeof QueryLocksInput>;

export const OWNER_EXIT_POLICIES = ['release', 'expire'] as const;
/** What happens to a finished session's leases: freed now, or left to run out their TTL. */
export const OwnerExitPolicy = z.enum(OWNER_EXIT_POLICIES);
export type OwnerExitPolicy = z.infer<typeof OwnerExitPolicy>;

export const OwnerExitInput = z.object({
  owner: LockOwner,
  policy: OwnerExitPolicy.optional(),
});
export type OwnerExitInput = z.input<typeof OwnerExitInput>;

export const LeaseInfo = z.object({
  resource: LockResource,
  owner: LockOwner,
  token: FencingToken,
  priority: LockPriority,
  ttlMs: LockTtlMs,
  acquiredAt: z.number(),
  expiresAt: z.number(),
});
export type LeaseInfo = z.infer<typeof LeaseInfo>;

export const WaiterInfo = z.object({
  id: z.number().int().positive(),
  resource: LockResource,
  owner: LockOwner,
  priority: LockPriority,
  enqueuedAt: z.number(),
  deadline: z.number(),
  /** priority + aging since enqueue, at the time of the query (for display). */
  effectivePriority: z.number(),
});
export type WaiterInfo = z.infer<typeof WaiterInfo>;

export const ResourceLockState = z.object({
  resource: LockResource,
  lease: LeaseInfo.nullable(),
  /** In the order they will be served. */
  waiters: z.array(WaiterInfo),
  /** The token the next grant will carry. */
  nextToken: FencingToken,
});
export type ResourceLockState = z.infer<typeof ResourceLockState>;

export const ReleaseOutcome = z.object({
  released: LeaseInfo,
  /** The waiter the resource was handed to in the same transaction, if any. */
  handedTo: LeaseInfo.nullable(),
});
export type ReleaseOutcome = z.infer<typeof ReleaseOutcome>;

export const OwnerExitOutcome = z.object({
  released: z.array(LeaseInfo),
  /** Leases left to expire (policy "expire"). */
  expiring: z.array(LeaseInfo),
  cancelledWaits: z.number().int().min(0),
});
export type OwnerExitOutcome = z.infer<typeof OwnerExitOutcome>;

/**
 * Why a lock operation answered `conflict`: found in `error.details.reason`
 * so callers branch on a tag, never on message text.
 */
export const LOCK_FAILURE_REASONS = [
  'busy', // waitMs 0 and someone holds it
  'wait_timeout', // queued for waitMs without being served
  'wait_cancelled', // the owner exited, or the queue place was dropped as abandoned
  'already_waiting', // this owner already has a pending acquire of this resource here
  'lease_lost', // renew/release of a lease that expired or was released
  'stale_token', // verify: the token is not the current holder's
] as const;
export type LockFailureReason = (typeof LOCK_FAILURE_REASONS)[number];

export interface LockFailureDetails {
  readonly reason: LockFailureReason;
  /** The current holder when there is one. */
  readonly holder?: LeaseInfo;
}
