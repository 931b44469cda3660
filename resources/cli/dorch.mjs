#!/usr/bin/env node
// dorch: the orchestrator's tools for agents without MCP (and for scripts an agent writes).
//
//   node dorch.mjs lock acquire <resource> [--ttl ms] [--priority n] [--wait ms]
//   node dorch.mjs lock renew <resource> <token> [--ttl ms]
//   node dorch.mjs lock release <resource> <token>
//   node dorch.mjs lock query [resource]
//   node dorch.mjs task complete --summary <text> [--file <path>]... [--task <id>]   (workers)
//   node dorch.mjs task fail --reason <text> [--task <id>]
//   node dorch.mjs task progress <note> [--task <id>]
//   node dorch.mjs run status <text>             (MainAI: a status_update)
//   node dorch.mjs tools                       (every tool this session may call, with schemas)
//   node dorch.mjs call <tool> '<json args>'   (any tool, e.g. the ones added after this CLI)
// Add --json for the raw answer. Exit 0 = success, 1 = the tool answered an error (message on
// stderr), 2 = usage error. Reads DUAL_ORCH_AGENT_URL and DUAL_ORCH_AGENT_TOKEN; sessions find this
// file in DUAL_ORCH_CLI (`node "$DUAL_ORCH_CLI" lock query`).
import { agentEnv, callTool, listTools } from './agent-client.mjs';

const USAGE = `usage:
  dorch lock acquire <resource> [--ttl ms] [--priority n] [--wait ms] [--json]
  dorch lock renew <resource> <token> [--ttl ms] [--json]
  dorch lock release <resource> <token> [--json]
  dorch lock query [resource] [--json]
  dorch task complete --summary <text> [--file <path>]... [--task <id>] [--json]
  dorch task fail --reason <text> [--task <id>] [--json]
  dorch task progress <note> [--task <id>] [--json]
  dorch run status <text> [--json]
  dorch tools [--json]
  dorch call <tool> [json-args] [--json]`;

class UsageError extends Error {}

/** Splits argv into positionals and --flag value pairs (--json takes no value). */
function parseArgs(argv) {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json' || a === '--help' || a === '-h') flags[a.replace(/^-+/, '')] = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq <= 0 && i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      // --file may repeat (a task writes several files); every other flag is single.
      if (name === 'file') (flags.file ??= []).push(value);
      else flags[name] = value;
    } else positional.push(a);
  }
  return { positional, flags };
}

function int(flags, name) {
  if (flags[name] === undefined) return undefined;
  const n = Number(flags[name]);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(flags[name])}`);
  return n;
}

function checkFlags(flags, allowed) {
  for (const k of Object.keys(flags)) if (k !== 'json' && !allowed.includes(k)) throw new UsageError(`unknown option --${k}`);
}

function need(positional, count, what) {
  if (positional.length !== count) throw new UsageError(`expected ${what}`);
}

const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** → { tool, args, show(value) } for one command line. */
function plan(positional, flags) {
  const [group, verb, ...rest] = positional;
  if (group === 'tools' && verb === undefined) return { list: true, show: (v) => v.map((t) => `${t.name}\t${t.description}`).join('\n') };
  if (group === 'call') {
    if (!verb || rest.length > 1) throw new UsageError('expected: call <tool> [json-args]');
    let args = {};
    if (rest.length === 1) {
      try {
        args = JSON.parse(rest[0]);
      } catch (e) {
        throw new UsageError(`json-args is not JSON: ${e.message}`);
      }
    }
    checkFlags(flags, []);
    return { tool: verb, args, show: (v) => JSON.stringify(v, null, 2) };
  }
  if (group === 'task') return taskPlan(verb, rest, flags);
  if (group === 'run') {
    if (verb !== 'status' || rest.length !== 1) throw new UsageError('expected: run status <text>');
    checkFlags(flags, []);
    return { tool: 'report_status', args: { status: rest[0] }, show: () => 'status recorded' };
  }
  if (group !== 'lock') throw new UsageError(`unknown command ${JSON.stringify(group ?? '')}`);
  const lease = (l) => `${l.resource} held by ${l.owner}, token ${l.token}, expires ${new Date(l.expiresAt).toISOString()}`;
  switch (verb) {
    case 'acquire':
      need(rest, 1, 'lock acquire <resource>');
      checkFlags(flags, ['ttl', 'priority', 'wait']);
      return {
        tool: 'lock_acquire',
        args: defined({ resource: rest[0], ttlMs: int(flags, 'ttl'), priority: int(flags, 'priority'), waitMs: int(flags, 'wait') }),
        show: (v) => `acquired ${lease(v)}\ntoken ${v.token}`,
      };
    case 'renew':
      need(rest, 2, 'lock renew <resource> <token>');
      checkFlags(flags, ['ttl']);
      return { tool: 'lock_renew', args: defined({ resource: rest[0], token: tokenArg(rest[1]), ttlMs: int(flags, 'ttl') }), show: (v) => `renewed ${lease(v)}` };
    case 'release':
      need(rest, 2, 'lock release <resource> <token>');
      checkFlags(flags, []);
      return {
        tool: 'lock_release',
        args: { resource: rest[0], token: tokenArg(rest[1]) },
        show: (v) => `released ${v.released.resource} (token ${v.released.token})${v.handedTo ? `; handed to ${v.handedTo.owner}, token ${v.handedTo.token}` : ''}`,
      };
    case 'query':
      if (rest.length > 1) throw new UsageError('expected: lock query [resource]');
      checkFlags(flags, []);
      return {
        tool: 'lock_query',
        args: defined({ resource: rest[0] }),
        show: (v) =>
          v.length === 0
            ? 'no locks held or awaited'
            : v.map((s) => `${s.resource}: ${s.lease ? `held by ${s.lease.owner} (token ${s.lease.token})` : 'free'}; ${s.waiters.length} waiting`).join('\n'),
      };
    default:
      throw new UsageError(`unknown lock command ${JSON.stringify(verb ?? '')}`);
  }
}

/** Worker commands (issue 4): the task is the worker's current one unless --task names it. */
function taskPlan(verb, rest, flags) {
  const task = flags.task === undefined ? {} : { taskId: flags.task };
  switch (verb) {
    case 'complete':
      need(rest, 0, 'task complete --summary <text> [--file <path>]...');
      checkFlags(flags, ['summary', 'file', 'task']);
      if (!flags.summary) throw new UsageError('task complete needs --summary');
      return { tool: 'complete_task', args: { ...task, summary: flags.summary, files: flags.file ?? [] }, show: (v) => `task ${v.taskId} ${v.state}` };
    case 'fail':
      need(rest, 0, 'task fail --reason <text>');
      checkFlags(flags, ['reason', 'task']);
      if (!flags.reason) throw new UsageError('task fail needs --reason');
      return { tool: 'fail_task', args: { ...task, reason: flags.reason }, show: (v) => `task ${v.taskId} ${v.state} (attempt ${v.attempts})` };
    case 'progress':
      need(rest, 1, 'task progress <note>');
      checkFlags(flags, ['task']);
      return { tool: 'report_progress', args: { ...task, note: rest[0] }, show: () => 'progress recorded' };
    default:
      throw new UsageError(`unknown task command ${JSON.stringify(verb ?? '')}`);
  }
}

function tokenArg(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`token must be a positive whole number, got ${JSON.stringify(text)}`);
  return n;
}

async function main(argv) {
  let parsed;
  let p;
  try {
    parsed = parseArgs(argv);
    if (parsed.flags.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    p = plan(parsed.positional, parsed.flags);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`dorch: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  const conn = agentEnv();
  if (conn.error) {
    process.stderr.write(`dorch: ${conn.error}\n`);
    return 2;
  }
  const r = p.list ? await listTools(conn) : await callTool(conn, p.tool, p.args);
  if (parsed.flags.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  if (!r.ok) {
    process.stderr.write(`dorch: ${r.error.code}: ${r.error.message}\n`);
    return 1;
  }
  if (!parsed.flags.json) process.stdout.write(`${p.show(r.value)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
