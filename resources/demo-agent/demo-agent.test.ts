// Drives the demo agent through a real pseudo-terminal (node-pty), the way the app does, and
// through plain pipes. No fixed sleeps: every step waits for the output it expects.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';

const AGENT = fileURLToPath(new URL('./demo-agent.mjs', import.meta.url));
const FAST = ['--speed', '0.1'];
// Generous: a slow CI machine must not fail a correct agent; a broken one still fails.
const WAIT_MS = 10_000;
const TEST_TIMEOUT_MS = 20_000;
// Matches may straddle chunk boundaries; rescan this much old text on each new chunk.
const RESCAN_CHARS = 4096;
const ANSI =
  // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_78=>()]/g;
const ANSI_AT_START = new RegExp(`^(?:${ANSI.source})`);

// Screen strings the app's classifier relies on (see README.md).
const IDLE_PROMPT = /│ > /;
const SPINNER = /Working… \(\d+s · esc to interrupt\)/;

type Exit = { exitCode: number; signal?: number };
type Waiter = { re: RegExp; from: number; resolve: (end: number) => void };

class PtyAgent {
  readonly proc: pty.IPty;
  readonly exited: Promise<Exit>;
  /** Output with escape sequences removed. */
  text = '';
  bytes = 0;
  private carry = '';
  private waiters: Waiter[] = [];

  constructor(args: string[], env: Record<string, string> = {}) {
    this.proc = pty.spawn(process.execPath, [AGENT, ...FAST, ...args], {
      name: 'xterm-256color',
      cols: 100,
      rows: 30,
      cwd: process.cwd(),
      env: { ...process.env, ...env },
    });
    this.proc.onData((data) => this.feed(data));
    this.exited = new Promise((resolve) => this.proc.onExit(resolve));
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  private feed(data: string) {
    this.bytes += Buffer.byteLength(data);
    let chunk = this.carry + data;
    this.carry = '';
    // Keep an escape sequence split across chunks until its end arrives.
    const lastEsc = chunk.lastIndexOf('\x1b');
    if (lastEsc >= 0 && chunk.length - lastEsc < 64 && !ANSI_AT_START.test(chunk.slice(lastEsc))) {
      this.carry = chunk.slice(lastEsc);
      chunk = chunk.slice(0, lastEsc);
    }
    const before = this.text.length;
    this.text += chunk.replace(ANSI, '');
    for (const waiter of [...this.waiters]) {
      const start = Math.max(waiter.from, before - RESCAN_CHARS);
      const match = waiter.re.exec(this.text.slice(start));
      if (match) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(start + match.index + match[0].length);
      }
    }
  }

  /** Resolves with the offset just past the first match of `re` in the output after `from`. */
  waitFor(re: RegExp, from = 0): Promise<number> {
    const match = re.exec(this.text.slice(from));
    if (match) return Promise.resolve(from + match.index + match[0].length);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${re} — output so far:\n${this.text.slice(-1500)}`));
      }, WAIT_MS);
      const waiter: Waiter = {
        re,
        from,
        resolve: (end) => {
          clearTimeout(timer);
          resolve(end);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for the idle prompt, types `line` and Enter; resolves with the offset typed at. */
  async run(line: string, from = 0): Promise<number> {
    await this.waitFor(IDLE_PROMPT, from);
    const at = this.text.length;
    this.proc.write(`${line}\r`);
    return at;
  }

  async exitCode(): Promise<number> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit — output so far:\n${this.text.slice(-1500)}`)), WAIT_MS),
    );
    return (await Promise.race([this.exited, timeout])).exitCode;
  }
}

const running = new Set<PtyAgent>();

afterEach(() => {
  for (const agent of running) agent.proc.kill();
  running.clear();
});

describe('demo agent in a pseudo-terminal', { timeout: TEST_TIMEOUT_MS }, () => {
  it('shows the banner and the idle prompt', async () => {
    const agent = new PtyAgent([]);
    const bannerEnd = await agent.waitFor(/✻ Demo Agent — type 'help'/);
    await agent.waitFor(IDLE_PROMPT, bannerEnd);
  });

  it('work 0.2 shows the spinner, streams, then returns to the prompt', async () => {
    const agent = new PtyAgent(['--no-banner']);
    const typed = await agent.run('work 0.2');
    const spun = await agent.waitFor(SPINNER, typed);
    const done = await agent.waitFor(/✻ Worked for [\d.]+s · \d+ steps/, spun);
    expect(agent.text.slice(typed, done)).toMatch(/⏺ .*Read\(|⏺ .*Search\(|⏺ .*Write\(/);
    await agent.waitFor(IDLE_PROMPT, done);
  });

  it('Esc while busy interrupts and returns to the prompt', async () => {
    const agent = new PtyAgent(['--no-banner']);
    const typed = await agent.run('work 100');
    await agent.waitFor(SPINNER, typed);
    agent.proc.write('\x1b');
    const stopped = await agent.waitFor(/Interrupted by user/, typed);
    await agent.waitFor(IDLE_PROMPT, stopped);
  });

  it('ask shows the permission menu; 1 runs the command', async () => {
    const agent = new PtyAgent(['--no-banner']);
    const typed = await agent.run('ask');
    const shown = await agent.waitFor(
      /Bash command[\s\S]*rm -rf build[\s\S]*Do you want to proceed\?[\s\S]*❯ 1\. Yes[\s\S]*2\. Yes, and don't ask again for this session[\s\S]*3\. No, and tell Claude what to do differently \(esc\)/,
      typed,
    );
    agent.proc.write('1');
    const ran = await agent.waitFor(/✓ Ran: rm -rf build/, shown);
    await agent.waitFor(IDLE_PROMPT, ran);
  });

  it('ask: Esc denies; Down+Enter picks "don\'t ask again", which then auto-approves', async () => {
    const agent = new PtyAgent(['--no-banner']);
    let at = await agent.run('ask git push');
    at = await agent.waitFor(/❯ 1\. Yes/, at);
    agent.proc.write('\x1b');
    at = await agent.waitFor(/✗ Denied by user/, at);

    at = await agent.run('ask git push', at);
    at = await agent.waitFor(/❯ 1\. Yes/, at);
    agent.proc.write('\x1b[B');
    at = await agent.waitFor(/❯ 2\. Yes, and don't ask again/, at);
    agent.proc.write('\r');
    at = await agent.waitFor(/✓ Ran: git push/, at);

    at = await agent.run('ask git push', at);
    const auto = await agent.waitFor(/✓ Ran: git push \(auto-approved/, at);
    expect(agent.text.slice(at, auto)).not.toMatch(/Do you want to proceed/);
  });

  it('confirm: Enter takes the default, no', async () => {
    const agent = new PtyAgent(['--no-banner']);
    const typed = await agent.run('confirm');
    const asked = await agent.waitFor(/Overwrite file\.txt\? \[y\/N\] /, typed);
    agent.proc.write('\r');
    await agent.waitFor(/✗ Answered no/, asked);
  });

  it('env NAME prints a variable passed in the environment', async () => {
    const agent = new PtyAgent(['--no-banner'], { FOO: 'bar-from-test-42' });
    const typed = await agent.run('env FOO');
    await agent.waitFor(/bar-from-test-42/, typed);
  });

  it('flood 1 writes at least 1 MB, then the prompt returns', async () => {
    const agent = new PtyAgent(['--no-banner']);
    await agent.waitFor(IDLE_PROMPT);
    const bytesBefore = agent.bytes;
    const typed = await agent.run('flood 1');
    const done = await agent.waitFor(/Flooded [\d.]+ MB \(\d+ bytes\)/, typed);
    expect(agent.bytes - bytesBefore).toBeGreaterThanOrEqual(1024 * 1024);
    await agent.waitFor(IDLE_PROMPT, done);
  });

  it('crash 3 prints a stack trace and exits with 3', async () => {
    const agent = new PtyAgent(['--no-banner']);
    await agent.run('crash 3');
    expect(await agent.exitCode()).toBe(3);
    expect(agent.text).toMatch(/Error: read ECONNRESET\s+at /);
  });

  it('exit 5 exits with 5', async () => {
    const agent = new PtyAgent(['--no-banner']);
    await agent.run('exit 5');
    expect(await agent.exitCode()).toBe(5);
  });

  it('Ctrl-D at the empty prompt exits 0', async () => {
    const agent = new PtyAgent(['--no-banner']);
    await agent.waitFor(IDLE_PROMPT);
    agent.proc.write('\x04');
    expect(await agent.exitCode()).toBe(0);
  });

  it('--fail-start 2 exits with 2', async () => {
    const agent = new PtyAgent(['--fail-start', '2']);
    expect(await agent.exitCode()).toBe(2);
    expect(agent.text).toMatch(/failed to start/);
  });

  it.skipIf(process.platform === 'win32')('SIGTERM stops gracefully, even while busy', async () => {
    const agent = new PtyAgent(['--no-banner']);
    const typed = await agent.run('work 100');
    await agent.waitFor(SPINNER, typed);
    agent.proc.kill('SIGTERM');
    expect(await agent.exitCode()).toBe(0);
    expect(agent.text).toMatch(/Shutting down…/);
  });
});

describe('demo agent without a terminal', { timeout: TEST_TIMEOUT_MS }, () => {
  function runPiped(args: string[], input?: string) {
    const child = spawn(process.execPath, [AGENT, ...FAST, ...args], { stdio: 'pipe' });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    if (input !== undefined) child.stdin.end(input);
    return new Promise<{ code: number | null; stdout: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout })),
    );
  }

  it('runs a script given with --script', async () => {
    const { code, stdout } = await runPiped(['--script', 'echo hi; exit 0']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^hi$/m);
    // eslint-disable-next-line no-control-regex -- no colours or cursor moves into a pipe
    expect(stdout).not.toMatch(/\x1b\[/); // no colours or cursor moves into a pipe
  });

  it('reads piped commands line by line and exits 0 at end of input', async () => {
    const { code, stdout } = await runPiped(['--no-banner'], 'echo one\nconfirm\ny\necho two\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^one$[\s\S]*✓ Answered yes[\s\S]*^two$/m);
  });
});
