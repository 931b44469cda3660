/**
 * The REAL Claude Code CLI (node_modules/.bin/claude) in a REAL pty, rendered by a headless
 * xterm as the app renders it, answering to our scripted model server on 127.0.0.1.
 * Proves the facts the approvals feature is built on (test/fixtures/model-server/README.md):
 * the permission prompts and their keys, hooks and their answers, resume.
 *
 * Screens under test/fixtures/screens/ are recordings of this CLI version: a missing file is
 * written, an existing one is compared (the stable part); UPDATE_SCREENS=1 re-records them.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../fixtures/app-process';
import { claudeBinary, prepareClaudeEnv, type ClaudeEnv } from '../fixtures/claude-env';
import { PtyScreen } from '../fixtures/claude-pty';
import { createModelServer, type ApiContentBlock, type ModelServer, type RecordedRequest, type ScriptTurn } from '../fixtures/model-server';

const SCREENS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'screens');
const RECORD_HOOK = join(REPO_ROOT, 'test', 'fixtures', 'hooks', 'record-hook.mjs');
const MCP_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'model-server', 'stdio-mcp-fixture.mjs');
const UPDATE_SCREENS = process.env.UPDATE_SCREENS === '1';
/** Every hook event the recorder listens to (PostToolUseFailure and PermissionDenied never fired in these scenarios). */
const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'PermissionDenied', 'Notification', 'Stop', 'SessionEnd'];

/** The input box is ready: the footer shows the permission mode. */
const IDLE_RE = /manual mode on/;
const PROMPT_RE = /Do you want to (proceed|create|make this edit)/;
const BUSY_RE = /esc to interrupt/;

interface HookRecord {
  readonly input: { hook_event_name: string; session_id: string; [k: string]: unknown };
}

interface Claude {
  readonly screen: PtyScreen;
  readonly server: ModelServer;
  readonly env: ClaudeEnv;
  readonly cwd: string;
  hooks(): HookRecord[];
}

/** Set CLAUDE_HOOK_DUMP=<file> to collect every hook payload of the run (how the README examples were taken). */
const HOOK_DUMP = process.env.CLAUDE_HOOK_DUMP;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startClaude(opts: {
  script?: ScriptTurn[];
  args?: string[];
  decide?: boolean;
  /** More hook matchers per event, added after the recorder. */
  extraHooks?: Record<string, unknown[]>;
  reuse?: { server: ModelServer; env: ClaudeEnv; cwd: string };
}): Promise<Claude> {
  let server: ModelServer;
  let env: ClaudeEnv;
  let cwd: string;
  if (opts.reuse) {
    ({ server, env, cwd } = opts.reuse);
    server.setScript(opts.script ?? []);
  } else {
    server = await createModelServer({ script: opts.script });
    cwd = realpathSync(mkdtempSync(join(tmpdir(), 'dorch-claude-ws-')));
    env = prepareClaudeEnv({ modelServerUrl: server.url, cwd });
    const s = server;
    const e = env;
    const c = cwd;
    cleanups.push(async () => {
      await s.close();
      e.cleanup();
      rmSync(c, { recursive: true, force: true });
    });
  }
  // Hooks go in a per-session --settings file, as the app installs them (DESIGN.md §4).
  const hookLog = join(env.home, `hooks-${randomUUID()}.jsonl`);
  // Exec form (command + args): spawned directly, no shell — no quoting, and no PowerShell on Windows.
  const recorder = { type: 'command', command: process.execPath, args: [RECORD_HOOK, hookLog, ...(opts.decide ? ['--decide'] : [])] };
  const hooks = Object.fromEntries(
    HOOK_EVENTS.map((ev) => [ev, [{ matcher: '', hooks: [recorder] }, ...(opts.extraHooks?.[ev] ?? [])]]),
  );
  const settingsFile = join(env.home, `settings-${randomUUID()}.json`);
  writeFileSync(settingsFile, JSON.stringify({ hooks }, null, 2));

  const screen = new PtyScreen({ command: claudeBinary(), args: ['--settings', settingsFile, ...(opts.args ?? [])], cwd, env: env.env });
  cleanups.push(async () => {
    await screen.dispose();
    if (HOOK_DUMP && existsSync(hookLog)) appendFileSync(HOOK_DUMP, readFileSync(hookLog, 'utf8'));
  });
  await screen.waitFor('the input prompt', IDLE_RE, 30_000);
  return {
    screen,
    server,
    env,
    cwd,
    hooks: () =>
      existsSync(hookLog)
        ? readFileSync(hookLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as HookRecord)
        : [],
  };
}

/** Sends one key for a dialog once it is on screen and quiet (the CLI drops keys that come too early), then waits for it to go. */
async function answerDialog(screen: PtyScreen, key: string): Promise<void> {
  await screen.waitForStable('the permission dialog', PROMPT_RE);
  screen.write(key);
  await screen.waitFor('the dialog to close', (s) => !PROMPT_RE.test(s));
}

/** The option number whose label starts with `label`, read from the dialog (it differs per tool: "No" is 4 for Bash, 3 for Write). */
function optionKey(screen: string, label: string): string {
  const m = new RegExp(`(\\d)\\. ${label}`).exec(screen);
  if (!m?.[1]) throw new Error(`no option "${label}" on screen:\n${screen}`);
  return m[1];
}

async function exitClaude(screen: PtyScreen): Promise<void> {
  screen.write('\x03');
  await screen
    .waitFor('the exit hint', (s) => /again to exit/i.test(s) || screen.exitCode !== undefined)
    // Exiting already (or no hint drawn): the second Ctrl-C below is harmless either way.
    .catch(() => undefined);
  if (screen.exitCode === undefined) screen.write('\x03');
  const start = Date.now();
  while (screen.exitCode === undefined && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50));
  expect(screen.exitCode).toBe(0);
}

function lastUserBlocks(req: RecordedRequest | undefined): ApiContentBlock[] {
  const msgs = req?.body?.messages ?? [];
  const last = [...msgs].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : [...(last?.content ?? [])];
}

function toolResult(req: RecordedRequest | undefined, toolUseId: string): ApiContentBlock | undefined {
  return (req?.body?.messages ?? []).flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).find((b) => b.type === 'tool_result' && b.tool_use_id === toolUseId);
}

function normalize(lines: string[], c: Claude): string[] {
  const swaps: [string, string][] = [
    [c.cwd, '<cwd>'],
    [c.env.home, '<home>'],
  ];
  return lines.map((line) => {
    let out = line;
    for (const [from, to] of swaps) out = out.split(from).join(to);
    return out.replace(/\b\d{1,2}:\d{2} ?[AP]M\b/g, '<time>').trimEnd();
  });
}

/** The dialog block: from the rule line above it to its "Esc to cancel" line. */
function dialogRegion(lines: string[]): string[] {
  const ask = lines.findIndex((l) => PROMPT_RE.test(l));
  if (ask < 0) return [];
  let start = ask;
  while (start > 0 && !/^─{20,}$/.test(lines[start] ?? '')) start--;
  const end = lines.findIndex((l, i) => i > ask && /Esc to cancel/.test(l));
  // The "Tip:" line is a rotating hint, not part of the dialog's contract.
  return lines.slice(start, end + 1).filter((l) => !/^ Tip: /.test(l));
}

/**
 * Records the screen as test/fixtures/screens/<name>.txt (first run or UPDATE_SCREENS=1),
 * otherwise checks that the stable `region` of the live screen equals the recording's.
 */
function recordScreen(name: string, c: Claude, region: (lines: string[]) => string[]): void {
  const live = normalize(c.screen.lines(), c);
  const file = join(SCREENS_DIR, `${name}.txt`);
  expect(region(live).length).toBeGreaterThan(0);
  if (UPDATE_SCREENS || !existsSync(file)) {
    mkdirSync(SCREENS_DIR, { recursive: true });
    writeFileSync(file, live.join('\n') + '\n');
    return;
  }
  const recorded = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  expect(region(live), `${name}.txt no longer matches this CLI's screen; re-record with UPDATE_SCREENS=1`).toEqual(region(recorded));
}

/** The input box and footer: the lines the idle / busy classifier rules look at. */
const footerRegion = (lines: string[]): string[] => {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed.at(-1) === '') trimmed.pop();
  // Hints that come and go between frames (agents, shortcuts, the effort badge) are not compared.
  return trimmed.slice(-4).map((l) => l.replace(/\s+◐ .*$/, '').replace(/ · ← for agents/, '').replace(/ · \? for shortcuts/, ''));
};

describe('real Claude Code CLI against the scripted model server', () => {
  it('starts into the input prompt, shows a busy turn, then the scripted reply', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const c = await startClaude({
      script: [
        async () => {
          await held; // the CLI stays busy until the test has recorded its busy screen
          return { text: 'Hello from the scripted model.' };
        },
      ],
    });
    const idle = await c.screen.waitForStable('the idle screen', (s) => IDLE_RE.test(s) && /\? for shortcuts/.test(s), 500);
    expect(idle).toMatch(/^❯\s*$/m);
    expect(idle).not.toMatch(BUSY_RE);
    recordScreen('claude-idle', c, footerRegion);

    await c.screen.submit('say hello');
    // Busy while the model request is open (not while a hook runs: the spinner names those).
    const busy = await c.screen.waitFor('the busy spinner', (s) => c.server.mainRequests().length === 1 && BUSY_RE.test(s) && !/hook/.test(s));
    expect(busy).toMatch(/^❯ say hello/m);
    recordScreen('claude-busy', c, footerRegion);
    release();

    await c.screen.waitFor('the scripted reply', /● Hello from the scripted model\./);
    await c.screen.waitFor('idle again', (s) => !BUSY_RE.test(s) && IDLE_RE.test(s));
    const [main] = c.server.mainRequests();
    expect(main?.body?.stream).toBe(true);
    expect(lastUserBlocks(main).some((b) => b.text === 'say hello')).toBe(true);
    expect(main?.headers.authorization).toBe('Bearer test-token-offline');
    // Only loopback, only the Messages API (the env turns the rest of the CLI's traffic off).
    expect(c.server.requests.every((r) => r.path === '/v1/messages')).toBe(true);
    expect(c.server.turnErrors).toEqual([]);
  });

  it('Bash: shows the genuine permission prompt; "1" (Yes) runs it and returns the tool_result', async () => {
    const c = await startClaude({
      script: [
        { toolUse: { id: 'toolu_bash_yes', name: 'Bash', input: { command: 'echo hi > out.txt', description: 'Write hi to out.txt' } } },
        { text: 'Wrote out.txt.' },
      ],
    });
    await c.screen.submit('write hi to out.txt');
    const prompt = await c.screen.waitForStable('the Bash permission prompt', PROMPT_RE);
    expect(prompt).toMatch(/^ Bash command$/m);
    expect(prompt).toMatch(/^ echo hi > out\.txt$/m);
    expect(prompt).toMatch(/^ ❯ 1\. Yes$/m);
    recordScreen('claude-bash-permission', c, dialogRegion);

    await answerDialog(c.screen, '1');
    await c.screen.waitFor('the reply after the tool ran', /Wrote out\.txt\./);
    expect(readFileSync(join(c.cwd, 'out.txt'), 'utf8')).toBe('hi\n');
    const result = toolResult(c.server.mainRequests()[1], 'toolu_bash_yes');
    expect(result).toMatchObject({ type: 'tool_result', is_error: false });

    const events = c.hooks().map((h) => h.input.hook_event_name);
    expect(events).toEqual(expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse']));
    const permission = c.hooks().find((h) => h.input.hook_event_name === 'PermissionRequest');
    expect(permission?.input).toMatchObject({ tool_name: 'Bash', tool_input: { command: 'echo hi > out.txt' } });
  });

  it('Bash: "No" runs nothing; the model then gets an is_error tool_result', async () => {
    const c = await startClaude({
      script: [
        { toolUse: { id: 'toolu_bash_no', name: 'Bash', input: { command: 'echo hi > out.txt', description: 'Write hi to out.txt' } } },
        { text: 'Understood, not writing.' },
      ],
    });
    await c.screen.submit('write hi to out.txt');
    const prompt = await c.screen.waitForStable('the Bash permission prompt', PROMPT_RE);
    // The Notification hook (permission_prompt) fires only once a prompt has waited ~6 s.
    const notified = await c.screen.waitFor('the permission_prompt Notification hook', () =>
      c.hooks().some((h) => h.input.hook_event_name === 'Notification'),
    );
    expect(notified).toMatch(PROMPT_RE);
    expect(c.hooks().find((h) => h.input.hook_event_name === 'Notification')?.input).toMatchObject({
      notification_type: 'permission_prompt',
      message: expect.stringMatching(/^Claude needs your permission/),
    });
    const noKey = optionKey(prompt, 'No');
    expect(noKey).toBe('4');
    await answerDialog(c.screen, noKey);
    const after = await c.screen.waitForStable('the rejection', /What should Claude do instead\?/);
    expect(after).toMatch(/Interrupted/);
    recordScreen('claude-after-deny', c, (lines) => lines.filter((l) => /Did not run|Interrupted|What should Claude do/.test(l)));
    expect(existsSync(join(c.cwd, 'out.txt'))).toBe(false);
    // A denial interrupts the turn: nothing goes to the model until the person writes again.
    expect(c.server.mainRequests()).toHaveLength(1);

    await c.screen.submit('never mind');
    await c.screen.waitFor('the follow-up reply', /Understood, not writing\./);
    const next = c.server.mainRequests()[1];
    const result = toolResult(next, 'toolu_bash_no');
    expect(result?.is_error).toBe(true);
    expect(String(result?.content)).toMatch(/doesn't want to proceed with this tool use/);
    expect(lastUserBlocks(next).map((b) => b.text)).toEqual(expect.arrayContaining(['never mind']));
  });

  it('Write and Edit: their prompts; Esc rejects, "1" accepts', async () => {
    const c = await startClaude({ script: [] });
    const file = join(c.cwd, 'hello.txt');
    const write: ScriptTurn = { toolUse: { name: 'Write', input: { file_path: file, content: 'Hello\nWorld\n' } } };
    c.server.setScript([
      write,
      { text: 'Okay, left it.' },
      write,
      { text: 'Created hello.txt.' },
      { toolUse: { name: 'Edit', input: { file_path: file, old_string: 'World', new_string: 'Claude' } } },
      { text: 'Edited hello.txt.' },
    ]);

    await c.screen.submit('create hello.txt');
    const writePrompt = await c.screen.waitForStable('the Write prompt', PROMPT_RE);
    expect(writePrompt).toMatch(/^ Create file$/m);
    expect(writePrompt).toMatch(/^ Do you want to create hello\.txt\?$/m);
    expect(optionKey(writePrompt, 'No')).toBe('3');
    recordScreen('claude-write-permission', c, dialogRegion);
    await answerDialog(c.screen, '\x1b');
    await c.screen.waitFor('the rejected write', /Rejected write to hello\.txt/);
    expect(existsSync(file)).toBe(false);

    await c.screen.submit('ok, go on');
    await c.screen.waitFor('the reply', /Okay, left it\./);
    await c.screen.submit('create it now');
    await answerDialog(c.screen, '1');
    await c.screen.waitFor('the write', /Created hello\.txt\./);
    expect(readFileSync(file, 'utf8')).toBe('Hello\nWorld\n');

    await c.screen.submit('change World to Claude');
    const editPrompt = await c.screen.waitForStable('the Edit prompt', PROMPT_RE);
    expect(editPrompt).toMatch(/^ Edit file$/m);
    recordScreen('claude-edit-permission', c, dialogRegion);
    await answerDialog(c.screen, '1');
    await c.screen.waitFor('the edit', /Edited hello\.txt\./);
    expect(readFileSync(file, 'utf8')).toBe('Hello\nClaude\n');
    expect(c.server.turnErrors).toEqual([]);
  });

  it('PreToolUse hook answers allow / deny: no prompt on screen, the denied command does not run', async () => {
    const c = await startClaude({
      decide: true,
      script: [
        { toolUse: { id: 'toolu_echo', name: 'Bash', input: { command: 'echo allowed > allowed.txt', description: 'Write allowed.txt' } } },
        { toolUse: { id: 'toolu_rm', name: 'Bash', input: { command: 'rm -f keep.txt', description: 'Delete keep.txt' } } },
        { text: 'Hooks decided.' },
      ],
    });
    writeFileSync(join(c.cwd, 'keep.txt'), 'keep me\n');
    const promptSeen = c.screen.watch(/Do you want to proceed/);
    await c.screen.submit('run the two commands');
    await c.screen.waitFor('the final reply', /Hooks decided\./);

    expect(promptSeen.seen).toBe(false);
    expect(readFileSync(join(c.cwd, 'allowed.txt'), 'utf8')).toBe('allowed\n');
    expect(readFileSync(join(c.cwd, 'keep.txt'), 'utf8')).toBe('keep me\n');
    const [, afterEcho, afterRm] = c.server.mainRequests();
    expect(toolResult(afterEcho, 'toolu_echo')).toMatchObject({ is_error: false });
    const denied = toolResult(afterRm, 'toolu_rm');
    expect(denied?.is_error).toBe(true);
    expect(JSON.stringify(denied?.content)).toMatch(/rm is not allowed in tests/);

    const hooks = c.hooks();
    const pre = hooks.filter((h) => h.input.hook_event_name === 'PreToolUse');
    expect(pre.map((h) => (h.input.tool_input as { command: string }).command)).toEqual(['echo allowed > allowed.txt', 'rm -f keep.txt']);
    expect(pre[0]?.input).toMatchObject({ tool_name: 'Bash', tool_use_id: 'toolu_echo', cwd: c.cwd, permission_mode: 'default' });
    expect(hooks.some((h) => h.input.hook_event_name === 'PermissionRequest')).toBe(false);
    const start = hooks.find((h) => h.input.hook_event_name === 'SessionStart');
    expect(start?.input).toMatchObject({ source: 'startup' });
    expect(String(start?.input.transcript_path)).toContain(c.env.configDir);
    expect(hooks.find((h) => h.input.hook_event_name === 'UserPromptSubmit')?.input).toMatchObject({ prompt: 'run the two commands' });
    await c.screen.waitFor('the Stop hook', () => c.hooks().some((h) => h.input.hook_event_name === 'Stop'));
    expect(c.hooks().find((h) => h.input.hook_event_name === 'Stop')?.input).toMatchObject({ last_assistant_message: 'Hooks decided.' });
  });

  it('PermissionRequest http hook: the dialog shows while the hook runs; hook answer or keypress, first one wins', async () => {
    // The app's own endpoint in miniature: hook input JSON in, decision JSON out, answered
    // whenever the test says (as the app would once a person or the policy decides).
    const calls: { input: { tool_name: string; tool_input: { command?: string } }; res: ServerResponse; closedEarly: boolean }[] = [];
    const hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString('utf8')));
      req.on('end', () => {
        const call = { input: JSON.parse(body) as (typeof calls)[number]['input'], res, closedEarly: false };
        res.on('close', () => (call.closedEarly = !res.writableFinished));
        calls.push(call);
        if (call.input.tool_input.command?.startsWith('rm -f keep.txt')) answer(call, { behavior: 'deny', message: 'http hook: rm refused' });
      });
    });
    const answer = (call: (typeof calls)[number], decision: object): void => {
      call.res.writeHead(200, { 'content-type': 'application/json' });
      call.res.end(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } }));
    };
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => {
      hookServer.closeAllConnections();
      hookServer.close(() => r());
    }));
    const url = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/permission`;

    const c = await startClaude({
      extraHooks: { PermissionRequest: [{ matcher: 'Bash', hooks: [{ type: 'http', url, timeout: 60 }] }] },
      script: [
        { toolUse: { id: 'toolu_http_echo', name: 'Bash', input: { command: 'echo ok > http.txt', description: 'Write http.txt' } } },
        { toolUse: { id: 'toolu_http_rm', name: 'Bash', input: { command: 'rm -f keep.txt', description: 'Delete keep.txt' } } },
        { toolUse: { id: 'toolu_http_rm2', name: 'Bash', input: { command: 'rm -f keep2.txt', description: 'Delete keep2.txt' } } },
        { text: 'Stopped as asked.' },
      ],
    });
    writeFileSync(join(c.cwd, 'keep.txt'), 'keep me\n');
    writeFileSync(join(c.cwd, 'keep2.txt'), 'keep me too\n');
    await c.screen.submit('run the commands');

    // 1. The hook holds the request: the genuine dialog is on screen meanwhile; the hook's allow closes it, no key sent.
    await c.screen.waitForStable('the dialog while the hook is held', (s) => PROMPT_RE.test(s) && calls.length === 1);
    answer(calls[0]!, { behavior: 'allow' });
    await c.screen.waitFor('the allowed command to run', () => existsSync(join(c.cwd, 'http.txt')));
    // 2. An immediate deny: the dialog may flash for a frame or two (~100 ms), the command never runs.
    // 3. Held again, and the person answers in the terminal first: "No" wins, the hook request is dropped.
    const third = await c.screen.waitForStable('the third dialog', (s) => PROMPT_RE.test(s) && /rm -f keep2\.txt/.test(s) && calls.length === 3);
    c.screen.write(optionKey(third, 'No'));
    await c.screen.waitFor('the interrupted turn', /What should Claude do instead\?/);
    await c.screen.waitFor('the held hook request to be dropped', () => calls[2]!.closedEarly);

    expect(calls.map((r) => r.input.tool_input.command)).toEqual(['echo ok > http.txt', 'rm -f keep.txt', 'rm -f keep2.txt']);
    expect(readFileSync(join(c.cwd, 'http.txt'), 'utf8')).toBe('ok\n');
    expect(existsSync(join(c.cwd, 'keep.txt'))).toBe(true);
    expect(existsSync(join(c.cwd, 'keep2.txt'))).toBe(true);
    const [, afterEcho, afterRm] = c.server.mainRequests();
    expect(toolResult(afterEcho, 'toolu_http_echo')).toMatchObject({ is_error: false });
    const denied = toolResult(afterRm, 'toolu_http_rm');
    expect(denied?.is_error).toBe(true);
    expect(JSON.stringify(denied?.content)).toMatch(/http hook: rm refused/);
    expect(c.server.mainRequests()).toHaveLength(3);
  });

  it('MCP via --mcp-config: the tool is offered, asks once, "2" stops asking for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dorch-mcp-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const callLog = join(dir, 'mcp-calls.jsonl');
    // alwaysLoad: without it 2.1.330 defers MCP tools behind ToolSearch (absent from `tools`).
    const mcpConfig = { mcpServers: { orch: { type: 'stdio', command: process.execPath, args: [MCP_FIXTURE, callLog], alwaysLoad: true } } };
    const mcpFile = join(dir, 'mcp.json');
    writeFileSync(mcpFile, JSON.stringify(mcpConfig));
    const mcp = await startClaude({
      args: ['--mcp-config', mcpFile],
      script: [
        { toolUse: { id: 'toolu_mcp_1', name: 'mcp__orch__task_complete', input: { summary: 'first' } } },
        { text: 'Reported once.' },
        { toolUse: { id: 'toolu_mcp_2', name: 'mcp__orch__task_complete', input: { summary: 'second' } } },
        { text: 'Reported twice.' },
      ],
    });
    // MCP servers connect in the background: a prompt sent before tools/list goes out without the tool.
    await mcp.screen.waitFor('the MCP server to be listed', () => existsSync(callLog) && readFileSync(callLog, 'utf8').includes('"tools/list"'));
    await mcp.screen.submit('report the task');
    const prompt = await mcp.screen.waitForStable('the MCP permission prompt', PROMPT_RE);
    expect(prompt).toMatch(/^ Tool use$/m);
    expect(prompt).toMatch(/orch — Task Complete Tool: \(MCP\)/);
    recordScreen('claude-mcp-permission', mcp, dialogRegion);
    expect(optionKey(prompt, "Yes, and don't ask again")).toBe('2');
    await answerDialog(mcp.screen, '2');
    await mcp.screen.waitFor('the first reply', /Reported once\./);

    const promptSeen = mcp.screen.watch(PROMPT_RE);
    await mcp.screen.submit('report it again');
    await mcp.screen.waitFor('the second reply', /Reported twice\./);
    expect(promptSeen.seen).toBe(false);

    const [first, second, , fourth] = mcp.server.mainRequests();
    expect(first?.body?.tools?.map((t) => t.name)).toContain('mcp__orch__task_complete');
    expect(toolResult(second, 'toolu_mcp_1')?.content).toEqual([{ type: 'text', text: 'task_complete recorded: first' }]);
    expect(toolResult(fourth, 'toolu_mcp_2')?.is_error).toBeFalsy();
    const log = readFileSync(callLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; arguments?: { summary: string } });
    expect(log.filter((x) => x.method === 'tools/call').map((x) => x.arguments?.summary)).toEqual(['first', 'second']);
    // 2.1.330 first probes `server/discover` (newer MCP), then falls back to `initialize` on -32601.
    expect(log.map((x) => x.method).slice(0, 4)).toEqual(['server/discover', 'initialize', 'notifications/initialized', 'tools/list']);
  });

  it('--session-id then --resume <id> continues the conversation', async () => {
    const sessionId = randomUUID();
    const first = await startClaude({ script: [{ text: 'First answer: 42.' }], args: ['--session-id', sessionId] });
    await first.screen.submit('first question');
    await first.screen.waitFor('the first answer', /First answer: 42\./);
    await first.screen.waitFor('idle', (s) => !BUSY_RE.test(s) && IDLE_RE.test(s));
    await exitClaude(first.screen);
    expect(first.hooks().find((h) => h.input.hook_event_name === 'SessionStart')?.input.session_id).toBe(sessionId);
    expect(first.hooks().find((h) => h.input.hook_event_name === 'SessionEnd')?.input).toMatchObject({ reason: 'prompt_input_exit' });

    const second = await startClaude({ script: [{ text: 'Second answer.' }], args: ['--resume', sessionId], reuse: first });
    await second.screen.waitFor('the resumed conversation', /first question/);
    await second.screen.submit('second question');
    await second.screen.waitFor('the second answer', /Second answer\./);
    const resumed = first.server.mainRequests().at(-1);
    const text = JSON.stringify(resumed?.body?.messages);
    expect(text).toContain('first question');
    expect(text).toContain('First answer: 42.');
    expect(text).toContain('second question');
    const start = second.hooks().find((h) => h.input.hook_event_name === 'SessionStart');
    expect(start?.input).toMatchObject({ source: 'resume', session_id: sessionId });
  });
});
