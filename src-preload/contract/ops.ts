import { z } from 'zod';

/**
 * The operations surface (issue 6): service accounts for the control API,
 * live event-stream clients, outbound webhook targets and deliveries. Used by
 * the HTTP API (src-main/server/control) and by the settings view over the
 * contract channels alike, so both describe the same shapes.
 */

/** viewer reads; operator also types, decides approvals and recovers; admin also manages accounts, policy, settings. */
export const SERVICE_ROLES = ['viewer', 'operator', 'admin'] as const;
export const ServiceRole = z.enum(SERVICE_ROLES);
export type ServiceRole = z.infer<typeof ServiceRole>;

export const AccountId = z.string().regex(/^acct_[A-Za-z0-9_-]{6,40}$/, 'not an account id');

export const AccountInfo = z.object({
  id: AccountId,
  name: z.string(),
  role: ServiceRole,
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;

export const CreateAccountInput = z
  .object({
    name: z.string().trim().min(1).max(80).regex(/^[\w .@:-]+$/, 'letters, digits, space and . _ @ : - only'),
    role: ServiceRole,
    /** Token lifetime; omitted = until revoked. */
    ttlDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

/** The token is shown once, at creation; only its account is stored. */
export const CreatedAccount = z.object({ account: AccountInfo, token: z.string() });
export type CreatedAccount = z.infer<typeof CreatedAccount>;

export const StreamClientInfo = z.object({
  clientId: z.string(),
  transport: z.enum(['sse', 'websocket']),
  principal: z.string(),
  connected: z.boolean(),
  firstConnectedAt: z.number(),
  connectedAt: z.number(),
  reconnects: z.number().int(),
  lastHeartbeatAt: z.number().nullable(),
  lastEventSeq: z.number().int(),
  eventsSent: z.number().int(),
});
export type StreamClientInfo = z.infer<typeof StreamClientInfo>;

export const WebhookTargetId = z.string().regex(/^wht_[A-Za-z0-9_-]{6,40}$/, 'not a webhook target id');

/** Which happenings an outbound target hears about. */
export const OUTBOUND_KINDS = ['escalation', 'approval.pending_too_long', 'run.completed'] as const;
export const OutboundKind = z.enum(OUTBOUND_KINDS);
export type OutboundKind = z.infer<typeof OutboundKind>;

export const WebhookTarget = z.object({
  id: WebhookTargetId,
  url: z.string(),
  kinds: z.array(OutboundKind),
  createdAt: z.number(),
  /** The signing secret (whsec_…): shown to admins so the receiver can verify. */
  secret: z.string(),
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;

export const CreateWebhookTargetInput = z
  .object({
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'http(s) URLs only'),
    kinds: z.array(OutboundKind).min(1).default([...OUTBOUND_KINDS]),
  })
  .strict();

export const WebhookDelivery = z.object({
  id: z.string(),
  targetId: z.string(),
  kind: OutboundKind,
  /** The webhook-id header: the same for every attempt of one message (receivers dedupe on it). */
  messageId: z.string(),
  attempts: z.number().int(),
  status: z.enum(['pending', 'delivered', 'failed']),
  lastHttpStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
