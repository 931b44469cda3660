import type { ProfileId } from '../../../src-preload/contract/session';
import type { Clock } from '../ports/clock';
import type { SessionService } from '../sessions/session-service';

/**
 * A Claude session whose MCP server has not listed our tools this long after
 * it started gets its prompts anyway: the server may have failed to start (a
 * loaded machine, a broken node), and every prompt names the dorch CLI as the
 * way to the same tools. Waiting forever would leave a worker idle with a task
 * queued and nobody told. Claude's own MCP start-up wait is 30 s by default.
 */
export const TOOLS_LISTED_GRACE_MS = 45_000;

export interface AgentReadinessDeps {
  clock: Clock;
  sessions: Pick<SessionService, 'get'>;
  /** A Claude session's tools never connected; its prompts go anyway from now on. */
  gaveUpWaiting(sessionId: string): void;
}

/**
 * When an agent of a run can be given a message: its process runs, it waits
 * for input (idle / awaiting input, from hooks or the screen), and — for
 * Claude — its MCP server has listed our tools, since a prompt submitted
 * before that goes out without them (model-server README §5).
 */
export class AgentReadiness {
  private readonly toolsReady = new Set<string>();

  constructor(private readonly deps: AgentReadinessDeps) {}

  toolsListed(sessionId: string): void {
    this.toolsReady.add(sessionId);
  }

  /** The process ended: a new one must list its tools again. */
  forget(sessionId: string): void {
    this.toolsReady.delete(sessionId);
  }

  alive(id: string): boolean {
    const rt = this.deps.sessions.get(id);
    return rt.ok && rt.value.isLive && rt.value.record.state === 'running';
  }

  profileOf(id: string): ProfileId | null {
    const rt = this.deps.sessions.get(id);
    return rt.ok ? rt.value.record.profileId : null;
  }

  idle(id: string): boolean {
    const rt = this.deps.sessions.get(id);
    if (!rt.ok) return false;
    const s = rt.value.info().activity.state;
    return s === 'idle' || s === 'awaiting_input';
  }

  ready(id: string): boolean {
    if (!this.alive(id) || !this.idle(id)) return false;
    if (this.profileOf(id) !== 'claude' || this.toolsReady.has(id)) return true;
    // An MCP server that never connects must not hold the run forever: go on without it, and say so.
    const rt = this.deps.sessions.get(id);
    const started = rt.ok ? rt.value.record.startedAt : null;
    if (started === null || this.deps.clock.now() - started < TOOLS_LISTED_GRACE_MS) return false;
    this.toolsReady.add(id);
    this.deps.gaveUpWaiting(id);
    return true;
  }
}
