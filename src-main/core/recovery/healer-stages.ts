import type { HealerStage } from '../../../src-preload/contract/health';

/**
 * The staged self-healing of one session (DESIGN.md §6, §8.5): detect →
 * interrupt → restart → return the task to the queue → escalate to the
 * person. `paused` is a person's (or the healer's) deliberate hold. Only the
 * Healer writes a session's stage, through this table.
 */
export const HEALER_TRANSITIONS: Readonly<Record<HealerStage, readonly HealerStage[]>> = {
  healthy: ['detected', 'interrupting', 'restarting', 'requeued', 'escalated', 'paused'],
  detected: ['healthy', 'interrupting', 'restarting', 'requeued', 'escalated', 'paused'],
  interrupting: ['healthy', 'restarting', 'requeued', 'escalated', 'paused'],
  restarting: ['healthy', 'interrupting', 'restarting', 'requeued', 'escalated', 'paused'],
  requeued: ['healthy', 'interrupting', 'restarting', 'escalated', 'paused'],
  escalated: ['healthy', 'restarting', 'paused'],
  paused: ['healthy', 'restarting', 'escalated'],
};

export const canMove = (from: HealerStage, to: HealerStage): boolean => from === to || HEALER_TRANSITIONS[from].includes(to);
