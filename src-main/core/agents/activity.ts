import type { AgentActivity, AgentState, StateSource } from '../../../src-preload/contract/approvals';

export interface ActivitySignal {
  state: AgentState;
  source: StateSource;
  /** When the signal was observed. For the screen: when the screen was READ, not when classified. */
  at: number;
  ruleId: string | null;
}

/**
 * Decides an agent's activity from signals of different quality (DESIGN.md
 * §4): the process lifecycle always wins; hooks are the agent's own word; a
 * screen reading counts only if the screen was read after the last hook
 * signal — a stale scan never overrides a newer hook.
 */
export class ActivityState {
  private current: AgentActivity;
  private lastHookAt = Number.NEGATIVE_INFINITY;

  constructor(initial: AgentActivity) {
    this.current = initial;
  }

  get value(): AgentActivity {
    return this.current;
  }

  /** Applies a signal; returns true when the activity changed. */
  apply(sig: ActivitySignal): boolean {
    if (sig.source === 'process') {
      if (sig.state === 'starting') this.lastHookAt = Number.NEGATIVE_INFINITY;
      return this.set(sig);
    }
    // Once the process ended, only a new start changes anything.
    if (this.current.source === 'process' && (this.current.state === 'exited' || this.current.state === 'crashed')) return false;
    if (sig.source === 'hook') {
      this.lastHookAt = Math.max(this.lastHookAt, sig.at);
      return this.set(sig);
    }
    if (sig.at < this.lastHookAt) return false;
    return this.set(sig);
  }

  private set(sig: ActivitySignal): boolean {
    const c = this.current;
    if (c.state === sig.state && c.source === sig.source && c.ruleId === sig.ruleId) return false;
    this.current = { state: sig.state, source: sig.source, since: sig.at, ruleId: sig.ruleId };
    return true;
  }
}
