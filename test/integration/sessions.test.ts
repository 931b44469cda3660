import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RUNNING_SAVE_SCROLLBACK_LINES } from '../../src-main/core/sessions/session-runtime';
import { CORE_SCROLLBACK_LINES } from '../../src-main/core/terminal/headless-screen';
import { createCoreHarness, DEMO_AGENT, FIXTURE_AGENTS, stripAnsi, TestView, waitFor, type CoreHarness } from '../fixtures/core-harness';

const NODE = process.execPath;
const harnesses: CoreHarness[] = [];
function core(): CoreHarness {
  const h = createCoreHarness();
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

const bash = { profileId: 'custom' as const, role: 'none' as const, command: 'bash', args: ['--noprofile', '--norc'], env: {}, cols: 100, rows: 30, approvalMode: 'manual' as const };

describe('sessions with real ptys and a real store', () => {
  it('runs a shell, echoes input and keeps the session record across stop and restart', async () => {
    const h = core();
    const created = h.sessions.create(bash);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.value.id;
    expect(created.value.state).toBe('running');
    const view = new TestView('v1', h.sessions, id);
    await view.attach();
    h.sessions.input(id, 'echo "marker-$((40+2))"\r');
    await waitFor('echo output', () => stripAnsi(view.text).includes('marker-42'));

    h.sessions.stop(id);
    await waitFor('stopped', () => h.sessions.get(id).ok && h.store.sessions.get(id)?.state === 'exited');
    const restarted = h.sessions.restart(id);
    expect(restarted.ok).toBe(true);
    await waitFor('restarted', () => h.store.sessions.get(id)?.state === 'running');
    const rec = h.store.sessions.get(id)!;
    expect(rec.id).toBe(id);
    expect(rec.restartCount).toBe(1);
    expect(rec.createdAt).toBe(created.value.createdAt);
    expect(h.store.sessions.list(10).filter((s) => s.id === id)).toHaveLength(1);
    // The view stayed attached: the new process streams into it.
    h.sessions.input(id, 'echo "again-$((1+1))"\r');
    await waitFor('output after restart', () => stripAnsi(view.text).includes('again-2'));
    const types = h.store.events.query({ sessionId: id, limit: 100 }).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['session.created', 'session.started', 'session.stop_requested', 'session.exited', 'session.restart_requested']));
  });

  it('records exit codes and signals, and tells a crash from a requested stop', async () => {
    const h = core();
    const c = h.sessions.create({ ...bash, command: NODE, args: [join(FIXTURE_AGENTS, 'exit-with.mjs'), '3'] });
    if (!c.ok) throw new Error(c.error.message);
    await waitFor('exit 3', () => h.store.sessions.get(c.value.id)?.state === 'crashed');
    expect(h.store.sessions.get(c.value.id)).toMatchObject({ exitCode: 3, exitSignal: null, state: 'crashed' });

    const d = h.sessions.create({ ...bash, command: NODE, args: [DEMO_AGENT, '--speed', '0.1'] });
    if (!d.ok) throw new Error(d.error.message);
    const view = new TestView('v', h.sessions, d.value.id);
    await view.attach();
    await waitFor('demo prompt', () => stripAnsi(view.text).includes('>'));
    process.kill(d.value.pid!, 'SIGKILL');
    await waitFor('killed', () => h.store.sessions.get(d.value.id)?.state === 'crashed');
    expect(h.store.sessions.get(d.value.id)).toMatchObject({ exitSignal: 'SIGKILL', state: 'crashed' });

    const e = h.sessions.create(bash);
    if (!e.ok) throw new Error(e.error.message);
    h.sessions.kill(e.value.id);
    await waitFor('kill requested', () => h.store.sessions.get(e.value.id)?.state === 'exited');
    const exited = h.store.events.query({ sessionId: e.value.id, limit: 50 }).find((x) => x.type === 'session.exited');
    expect(exited?.data).toMatchObject({ requested: true });
  });

  it('runs 8 sessions at once, each output reaching its own view', async () => {
    const h = core();
    const views: TestView[] = [];
    for (let i = 0; i < 8; i++) {
      const c = h.sessions.create(bash);
      if (!c.ok) throw new Error(c.error.message);
      const v = new TestView(`v${i}`, h.sessions, c.value.id);
      await v.attach();
      views.push(v);
    }
    views.forEach((v, i) => h.sessions.input(v.sessionId, `echo "own-$((${i}*11))"\r`));
    for (const [i, v] of views.entries()) {
      await waitFor(`session ${i} output`, () => stripAnsi(v.text).includes(`own-${i * 11}`));
    }
    for (const [i, v] of views.entries()) {
      for (let j = 0; j < 8; j++) if (j !== i && j * 11 !== i * 11) expect(stripAnsi(v.text)).not.toContain(`own-${j * 11}\r`);
    }
    expect(h.sessions.list().filter((s) => s.state === 'running')).toHaveLength(8);
  });

  it('renders invalid UTF-8 and binary garbage as replacement characters without failing', async () => {
    const h = core();
    const c = h.sessions.create({ ...bash, command: NODE, args: [join(FIXTURE_AGENTS, 'garbage.mjs')] });
    if (!c.ok) throw new Error(c.error.message);
    const view = new TestView('v', h.sessions, c.value.id);
    await view.attach();
    await waitFor('DONE after garbage', () => view.text.includes('DONE'));
    expect(view.text).toContain('\uFFFD');
    h.sessions.input(c.value.id, 'q\r');
    await waitFor('garbage agent ended', () => h.store.sessions.get(c.value.id)?.state === 'exited');
    expect(h.sessions.screen(c.value.id).ok).toBe(true);
  });

  it('refuses commands and folders that cannot work, creating nothing', async () => {
    const h = core();
    const missing = h.sessions.create({ ...bash, command: 'definitely-not-a-command-xyz' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('command_not_found');
    const noDir = h.sessions.create({ ...bash, cwd: '/no/such/folder/here' });
    expect(noDir.ok).toBe(false);
    if (!noDir.ok) expect(noDir.error).toMatchObject({ code: 'bad_cwd' });
    const file = join(mkdtempSync(join(tmpdir(), 'dorch-f-')), 'a-file');
    writeFileSync(file, 'x');
    const notDir = h.sessions.create({ ...bash, cwd: file });
    expect(!notDir.ok && notDir.error.message).toMatch(/is not a folder/);
    expect(h.sessions.list()).toHaveLength(0);
    expect(h.store.sessions.list(10)).toHaveLength(0);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a working folder that is not writable', async () => {
    const h = core();
    const dir = mkdtempSync(join(tmpdir(), 'dorch-ro-'));
    chmodSync(dir, 0o555);
    const r = h.sessions.create({ ...bash, cwd: dir });
    expect(!r.ok && r.error.message).toMatch(/not writable/);
  });

  it('saves a running session\'s last screen with recent history, and all of it at exit', async () => {
    const h = core();
    const c = h.sessions.create(bash);
    if (!c.ok) throw new Error(c.error.message);
    const view = new TestView('v', h.sessions, c.value.id);
    await view.attach();
    const lines = RUNNING_SAVE_SCROLLBACK_LINES * 2 + 500;
    expect(lines).toBeLessThan(CORE_SCROLLBACK_LINES);
    h.sessions.input(c.value.id, `seq 1 ${lines}; echo seq-done\r`);
    await waitFor('output', () => /(^|\n)seq-done\r?\n/.test(stripAnsi(view.text)));
    const hasLine = (snapshot: string, n: number) => new RegExp(`(^|\\n)${n}\\r?\\n`).test(stripAnsi(snapshot));
    // The running save (every few seconds while output flows) keeps the newest history only.
    await waitFor('a running save with the end', () => hasLine(h.store.screens.load(c.value.id)?.snapshot ?? '', lines), 15_000);
    const running = h.store.screens.load(c.value.id)!.snapshot;
    expect(hasLine(running, lines - RUNNING_SAVE_SCROLLBACK_LINES + 50)).toBe(true);
    expect(hasLine(running, lines - RUNNING_SAVE_SCROLLBACK_LINES - 100)).toBe(false);
    // At exit the whole scrollback the core keeps is saved.
    h.sessions.input(c.value.id, 'exit\r');
    await waitFor('exited', () => h.store.sessions.get(c.value.id)?.state === 'exited');
    await waitFor('the exit save', () => hasLine(h.store.screens.load(c.value.id)?.snapshot ?? '', 1));
  });

  it('lists past sessions, their events and last screen after the app starts again', async () => {
    const h = createCoreHarness();
    const c = h.sessions.create(bash);
    if (!c.ok) throw new Error(c.error.message);
    const view = new TestView('v', h.sessions, c.value.id);
    await view.attach();
    h.sessions.input(c.value.id, 'echo "remember-$((7*6))"\r');
    await waitFor('output', () => stripAnsi(view.text).includes('remember-42'));
    await h.close(); // clean shutdown: agents stopped, last screens saved
    const again = h.reopen();
    harnesses.push(again);
    const past = again.sessions.history(10);
    expect(past.map((s) => s.id)).toContain(c.value.id);
    expect(past.find((s) => s.id === c.value.id)).toMatchObject({ live: false, state: 'exited' });
    const screen = again.sessions.screen(c.value.id);
    expect(screen.ok && screen.value.snapshot).toContain('remember-42');
    const events = again.sessions.events({ sessionId: c.value.id, afterSeq: 0, limit: 100 }).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['session.created', 'session.started', 'session.exited']));
  });
});
