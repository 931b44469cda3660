import type { AccountInfo, OutboundKind, ServiceRole, WebhookDelivery, WebhookTarget } from '../../../src-preload/contract/ops';

/**
 * Persistence of the operations surface (migration 006). The SQLite adapter
 * is src-main/store/ops-repo.ts; tests use createMemoryOpsRepo().
 */
export interface AccountRepo {
  insert(a: { id: string; name: string; role: ServiceRole; createdAt: number; tokenId: string; expiresAt: number | null }): void;
  get(id: string): (AccountInfo & { tokenId: string; expiresAt: number | null }) | undefined;
  list(): AccountInfo[];
  revoke(id: string, at: number): boolean;
  touch(id: string, at: number): void;
}

export interface SeenWebhookRepo {
  /** Records a message id; false when it was already there (a replay). */
  remember(id: string, at: number): boolean;
  /** Drops ids older than this (past the timestamp tolerance they cannot be replayed anyway). */
  forgetBefore(at: number): number;
}

export interface WebhookTargetRepo {
  insert(t: WebhookTarget): void;
  list(): WebhookTarget[];
  delete(id: string): boolean;
}

export interface DeliveryRecord extends WebhookDelivery {
  payload: string;
}

export interface DeliveryRepo {
  insert(d: DeliveryRecord): void;
  update(id: string, patch: Partial<Pick<DeliveryRecord, 'attempts' | 'status' | 'lastHttpStatus' | 'lastError' | 'nextAttemptAt' | 'deliveredAt'>>): void;
  /** Newest first. */
  list(limit: number): WebhookDelivery[];
  /** Deliveries still to try (a restart picks them up again). */
  pending(): DeliveryRecord[];
}

export interface OpsRepo {
  accounts: AccountRepo;
  seenWebhooks: SeenWebhookRepo;
  targets: WebhookTargetRepo;
  deliveries: DeliveryRepo;
}

/** What an outbound notification is about, before it is signed and queued. */
export interface OutboundMessage {
  kind: OutboundKind;
  /** Stable per happening, so a restart or a second trigger does not notify twice. */
  dedupeKey: string;
  data: unknown;
}

/** The desktop keeps the JWT secret sealed by the OS keychain (Electron safeStorage). */
export interface SecretSealer {
  readonly name: string;
  isAvailable(): boolean;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}
