import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { apiOf } from '../fixtures/ops/api-client';
import { REPO_ROOT } from '../fixtures/app-process';
import { startTestCore } from '../fixtures/test-core';

const DASHBOARD = join(REPO_ROOT, 'resources', 'grafana', 'dual-orchestrator.json');
/** Every PromQL expression of the shipped Grafana dashboard ($__rate_interval as Grafana would fill it). */
function dashboardExprs(): string[] {
  const d = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
  return d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr.replaceAll('$__rate_interval', '1m')));
}

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

let core: Core;
let api: ReturnType<typeof apiOf>;
let viewer: string;

beforeAll(async () => {
  core = await startTestCore('dorch-ops-metrics-');
  api = apiOf(core);
  viewer = await api.tokenFor('viewer', 'prometheus');
  // Some traffic and events so the series have values.
  await api.call('GET', '/api/v1/sessions', viewer);
  await api.call('GET', '/api/v1/sessions', null);
  core.sessions.event('approval.decided', null, { approvalId: 'a_x', decision: 'approve', by: 'policy' });
  core.sessions.event('recovery.action', null, { strategy: 'restart_session', outcome: 'restarted' });
  core.sessions.event('recovery.suggested', null, { strategy: 'retry_task', source: 'monitor_ai' });
  core.sessions.event('approval.detected', null, { approval: { source: 'screen' }, latencyMs: 120 });
});
afterAll(async () => {
  await core?.shutdown();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('/metrics', () => {
  it('passes promtool check metrics and has the series the dashboard charts', async () => {
    const r = await api.call('GET', '/metrics', viewer);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/plain/);
    const text = r.body as string;
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
    for (const re of [
      /dorch_http_requests_total\{method="GET",route="\/api\/v1\/sessions",status="200"\} [1-9]/,
      /dorch_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/sessions",status="200"\}/,
      /dorch_api_denied_total\{reason="missing_token"\} [1-9]/,
      /dorch_approvals_decided_total\{source="policy",decision="approve"\} 1/,
      /dorch_recoveries_total\{strategy="restart_session",outcome="restarted"\} 1/,
      /dorch_recovery_suggestions_total\{strategy="retry_task",source="monitor_ai"\} 1/,
      /dorch_prompt_detection_seconds_count\{source="screen"\} 1/,
      /dorch_db_operations_total\{op="events.append"\} [1-9]/,
      /dorch_approvals_pending 0/,
      /dorch_stream_clients\{transport="sse"\} 0/,
      /process_cpu_seconds_total [0-9.]+/,
      /nodejs_eventloop_lag_seconds/,
    ]) expect(text).toMatch(re);
  });

  it('has every metric the Grafana dashboard charts', async () => {
    const names = new Set(core.metrics.registry.getMetricsAsArray().map((m) => m.name));
    const used = new Set(dashboardExprs().flatMap((e) => e.match(/\b(?:dorch|process|nodejs)_[a-z0-9_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(20);
    for (const n of used) expect(names.has(n) || names.has(n.replace(/_(bucket|sum|count)$/, '')), n).toBe(true);
  });

  it('is scraped by a real Prometheus server with a viewer token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dorch-prom-'));
    const promPort = await freePort();
    writeFileSync(join(dir, 'token'), viewer);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: dorch',
        '    metrics_path: /metrics',
        '    authorization:',
        `      credentials_file: ${join(dir, 'token')}`,
        '    static_configs:',
        `      - targets: ['127.0.0.1:${core.web.port}']`,
        '',
      ].join('\n'),
    );
    let prom: ChildProcess | null = null;
    let log = '';
    try {
      prom = spawn(PROMETHEUS, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      prom.stdout!.on('data', (c: Buffer) => (log += c.toString()));
      prom.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      const query = async (q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> => {
        try {
          const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
          if (!res.ok) return [];
          return ((await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
        } catch {
          return []; // not listening yet
        }
      };
      const start = Date.now();
      let up: Awaited<ReturnType<typeof query>> = [];
      while (Date.now() - start < 60_000) {
        up = await query('up{job="dorch"}');
        if (up[0]?.value[1] === '1') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(up[0]?.value[1], `Prometheus never scraped us:\n${log}`).toBe('1');
      const series = await query('dorch_http_requests_total{route="/metrics",status="200"}');
      expect(Number(series[0]?.value[1])).toBeGreaterThan(0);
      const decided = await query('dorch_approvals_decided_total');
      expect(decided[0]?.metric).toMatchObject({ source: 'policy', decision: 'approve' });
      // Every dashboard expression parses and evaluates on the real server.
      for (const expr of dashboardExprs()) {
        const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(expr)}`);
        const body = (await res.json()) as { status: string; error?: string };
        expect(body, expr).toMatchObject({ status: 'success' });
      }
    } finally {
      if (prom?.pid && prom.exitCode === null) {
        const exited = new Promise((r) => prom!.once('exit', r));
        process.kill(prom.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
