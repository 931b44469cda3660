import type { StoredEvent } from '../../../src-preload/contract/events';
import type { TaskInfo } from '../../../src-preload/contract/runs';
import type { NewEvent } from '../ports/store';
import type { RunRecord, RunRepo } from '../ports/runs';

/** The one in-memory RunRepo (and event sink) for unit tests; the app uses store/run-repo.ts. */
export class MemoryRunRepo implements RunRepo {
  readonly runs = new Map<string, RunRecord>();
  readonly tasks = new Map<string, TaskInfo>();
  readonly events: StoredEvent[] = [];

  append(e: NewEvent): void {
    this.events.push({ ...e, seq: this.events.length + 1, data: structuredClone(e.data) });
  }
  upsertRun(run: RunRecord): void {
    this.runs.set(run.id, structuredClone(run));
  }
  getRun(id: string): RunRecord | undefined {
    const r = this.runs.get(id);
    return r ? structuredClone(r) : undefined;
  }
  listRuns(limit: number): RunRecord[] {
    return [...this.runs.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit).map((r) => structuredClone(r));
  }
  upsertTasks(tasks: readonly TaskInfo[]): void {
    for (const t of tasks) this.tasks.set(t.id, structuredClone(t));
  }
  tasksOf(runId: string): TaskInfo[] {
    return [...this.tasks.values()].filter((t) => t.runId === runId).sort((a, b) => a.index - b.index).map((t) => structuredClone(t));
  }
  timeline(runId: string, afterSeq: number, limit: number): StoredEvent[] {
    return this.events.filter((e) => e.seq > afterSeq && (e.data as { runId?: string } | null)?.runId === runId).slice(0, limit);
  }
}
