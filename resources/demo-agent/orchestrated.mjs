// The demo agent as a member of an orchestrated run (issue 4): it recognises the prompts the
// orchestrator types (resources/prompts/*.md) and answers them with the real agent tools through
// the dorch channel (DUAL_ORCH_AGENT_URL / _TOKEN), so a whole run — plan, workers, failures,
// recovery, integration — works with no model at all (end-to-end tests, benchmarks, newcomers).
//
//   MainAI   "<request>a; b; c</request>"  → analysis_complete (one task per ';' part), spawn_worker
//            "<all_tasks_done …>"           → complete_run
//   worker   "<task id=… attempt=n>…</task>" → works briefly, writes <taskId>.md, complete_task;
//            a task text containing "fail-once" fails its first attempt, "fail-always" every one
//   MonitorAI "[orchestrator digest] … Failed: t_… (attempt n: …)" → suggest_recovery retry
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentEnv, callTool } from '../cli/agent-client.mjs';
import { startSpinner } from './ui.mjs';

/** Simulated seconds a worker spends on a task (scaled by --speed like every delay). */
const TASK_SECONDS = 1;

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Handles an orchestrator prompt; false when the line is not one (it is then an ordinary request). */
export async function orchestratedTurn(ctx, text, work) {
  const conn = agentEnv();
  if (conn.error) return false;
  const task = /<task id="(t_[\w-]+)" attempt="(\d+)">([\s\S]*?)<\/task>/.exec(text);
  if (task) return workerTurn(ctx, conn, task[1], Number(task[2]), unescapeXml(task[3]), work);
  if (/<all_tasks_done\b/.test(text)) return tool(ctx, conn, 'complete_run', { summary: 'Integrated by the demo agent: every task result is in the run report.' });
  if (/^\[orchestrator digest\]/.test(text)) return monitorTurn(ctx, conn, text);
  if (/^You are MonitorAI\b/.test(text)) {
    ctx.term.print('ok');
    return true;
  }
  const request = /^You are MainAI\b[\s\S]*?<request>([\s\S]*?)<\/request>/.exec(text);
  if (request) return mainTurn(ctx, conn, text, unescapeXml(request[1]));
  return false;
}

async function tool(ctx, conn, name, args) {
  const spinner = startSpinner(ctx);
  let r;
  try {
    r = await callTool(conn, name, args);
  } finally {
    spinner.stop();
  }
  const { term } = ctx;
  term.print(`${term.style.accent('⏺')} orch.${name}(${JSON.stringify(args).slice(0, 120)})`);
  term.print(r.ok ? `  ⎿  ${JSON.stringify(r.value).slice(0, 200)}` : `  ⎿  ✗ ${r.error.code}: ${r.error.message}`);
  return r;
}

async function mainTurn(ctx, conn, text, request) {
  const tasks = request
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((title) => ({ title: title.slice(0, 200), description: title }));
  const planned = await tool(ctx, conn, 'analysis_complete', { tasks });
  if (!planned.ok) return true;
  const max = Number(/up to (\d+) workers/.exec(text)?.[1] ?? 1);
  await tool(ctx, conn, 'spawn_worker', { count: Math.max(1, Math.min(max, tasks.length)) });
  return true;
}

async function workerTurn(ctx, conn, taskId, attempt, body, work) {
  await work(ctx, TASK_SECONDS, body);
  if (/fail-always/.test(body) || (/fail-once/.test(body) && attempt === 1)) {
    await tool(ctx, conn, 'fail_task', { taskId, reason: `the demo agent was told to fail (attempt ${attempt})` });
    return true;
  }
  const file = `${taskId}.md`;
  writeFileSync(join(process.cwd(), file), `# ${body}\n\nDone by the demo agent (attempt ${attempt}).\n`, 'utf8');
  await tool(ctx, conn, 'complete_task', { taskId, summary: `Wrote ${file}`, files: [file] });
  return true;
}

async function monitorTurn(ctx, conn, text) {
  const failed = [...text.matchAll(/(t_[\w-]+) "[^"]*" \(attempt (\d+):/g)].filter((m) => Number(m[2]) < 3);
  if (failed.length === 0) {
    ctx.term.print('ok');
    return true;
  }
  for (const m of failed) await tool(ctx, conn, 'suggest_recovery', { strategy: 'retry', taskId: m[1], diagnosis: 'The worker reported a failure; a retry should do.' });
  return true;
}
