import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../src-preload/contract/channels';
import { err, ok, type Result } from '../src-preload/contract/result';
import { SubmitTaskInput } from '../src-preload/contract/runs';
import { ClientHub } from './core/api/client-hub';
import { dispatch } from './core/api/dispatch';
import { createHandlers, type Handlers } from './core/api/handlers';
import { createOpsHandlers } from './core/ops/ops-handlers';
import type { ProfileContext } from './core/agents/profiles';
import { createLockManager, type LockManager } from './core/locks/lock-manager';
import { ClaudeHooks } from './core/agents/claude-hooks';
import { loadScreenRuleSets } from './core/agents/screen';
import { ApprovalService } from './core/approvals/approval-service';
import { createPolicyStore } from './core/approvals/policy';
import { policyText, replacePolicy } from './core/approvals/policy-file';
import { createJudgeRunner } from './platform/judge-runner';
import { registerHookRoutes } from './server/hooks-route';
import { registerAgentToolRoutes } from './server/agent-tools-route';
import { decorateForAgentTools } from './core/agent-tools/agent-launch';
import { AgentTokens } from './core/agent-tools/agent-tokens';
import { createLockTools } from './core/agent-tools/lock-tools';
import { createAgentToolRegistry, type AgentToolRegistry } from './core/agent-tools/registry';
import { createOrchestrationTools } from './core/agent-tools/orchestration-tools';
import { Orchestrator } from './core/orchestration/orchestrator';
import { DEFAULT_MONITOR_DIGEST_MS } from './core/orchestration/monitor-feed';
import { orchestratorRunControl } from './core/orchestration/run-control';
import { createRunWorkspaces } from './core/orchestration/workspaces';
import { loadPromptTemplates } from './platform/prompt-files';
import { gitCli } from './platform/git-cli';
import { createSqliteRunRepo } from './store/run-repo';
import type { RunControl } from './core/ports/run-control';
import { systemClock, type Clock } from './core/ports/clock';
import { SessionService } from './core/sessions/session-service';
import { newId, newSecret } from './lib/ids';
import type { Logger } from './lib/logger';
import type { HostOptions } from './options';
import { createNodePlatform } from './platform/node-platform';
import { createNodePtySpawner } from './pty/node-pty-spawner';
import { localScreenFactory } from './core/terminal/local-screen';
import { createWorkerScreenFactory } from './screen-worker/worker-screens';
import { startWebHost, type WebHost } from './server/web-host';
import { createSqliteLockRepo } from './store/lock-repo';
import { claimInstance, INSTANCE_HEARTBEAT_MS, releaseInstance, updateInstance } from './store/instance-lock';
import { openSqliteStore, type SqliteStore } from './store/sqlite-store';
import { createOpsMetrics, type OpsMetrics } from './core/ops/metrics';
import { observeStore } from './core/ops/observed-store';
import type { SecretSealer } from './core/ops/ports';
import type { AccountService } from './core/ops/accounts';
import type { OutboundWebhooks } from './core/ops/outbound-webhooks';
import type { StreamHub } from './core/ops/stream-hub';
import type { InboundRouter } from './server/control/inbound-router';
import { composeOps } from './compose-ops';
import { newWebhookSecret } from './core/ops/webhook-signature';
import { loadSecret } from './platform/secrets';
import { registerControlApi } from './server/control/register';
import { createSqliteOpsRepo } from './store/ops-repo';
import { HealthService, type HealthServiceDeps } from './core/health/health-service';
import { createSqliteHealthRepo } from './store/health-repo';
import { createProcessStats } from './platform/process-stats';
import { createProcessSignals } from './platform/process-signals';
import { createWorkspaceCleaner } from './platform/clean-workspace';

export const APP_NAME = 'Dual Orchestrator';

export interface ComposeOptions {
  host: AppInfo['host'];
  version: string;
  options: HostOptions;
  logger: Logger;
  /** Folder with package.json, resources/ and node_modules/. */
  appRoot: string;
  /** Built renderer folder. */
  rendererDir: string;
  /** How sessions run Node scripts (the demo agent). */
  nodeRuntime: ProfileContext['nodeRuntime'];
  /** better_sqlite3.node for this runtime when it is not the default build (Electron). */
  nativeBinding?: string;
  /**
   * Built screen worker (out/main/screen-worker.js). Without it, screens are
   * parsed on the main thread (tests): correct, but floods then delay echo.
   */
  screenWorkerPath?: string;
  clock?: Clock;
  /** Health monitor tuning (tests shrink the intervals and limits). */
  health?: HealthServiceDeps['config'];
  /** Restart policy of the healer (tests shrink the backoff). */
  restartPolicy?: HealthServiceDeps['policy'];
  /** Task and run recovery (orchestration's); tests pass a recording fake. */
  runControl?: RunControl;
  /** The desktop's OS keychain for signing secrets (Electron safeStorage); browser mode keeps them in private files. */
  secretSealer?: SecretSealer;
  /** Environment read for DUAL_ORCH_JWT_SECRET / DUAL_ORCH_WEBHOOK_SECRET (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface Core {
  readonly sessions: SessionService;
  readonly hub: ClientHub;
  readonly handlers: Handlers;
  readonly web: WebHost;
  readonly store: SqliteStore;
  readonly locks: LockManager;
  readonly approvals: ApprovalService;
  readonly claude: ClaudeHooks;
  /** Per-session credentials of the agent-tools channel (MCP server and dorch CLI). */
  readonly agentTokens: AgentTokens;
  readonly agentTools: AgentToolRegistry;
  /** Runs and tasks (issue 4). */
  readonly runs: Orchestrator;
  /** The orchestrator as the health/recovery feature drives it. */
  readonly runControl: RunControl;
  readonly info: AppInfo;
  /** Health monitor, healer and recovery executor (issue 5). */
  readonly health: HealthService;
  /** Operations surface (issue 6): service accounts, metrics, live event stream, webhooks. */
  readonly accounts: AccountService;
  readonly metrics: OpsMetrics;
  readonly stream: StreamHub;
  readonly outbound: OutboundWebhooks;
  readonly inboundRouter: InboundRouter;
  shutdown(): Promise<void>;
}

/**
 * The one composition root (DESIGN.md §8.6): both hosts call it. Every
 * adapter is built here and handed to the core through its ports; nothing
 * else constructs them. Boot phases: data folder → store (+ schema check) →
 * single-instance claim → sessions restored → server listening.
 */
export async function composeCore(o: ComposeOptions): Promise<Result<Core>> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger;
  const dataDir = o.options.dataDir;
  const workspaceDir = join(dataDir, 'workspace');
  try {
    mkdirSync(workspaceDir, { recursive: true });
  } catch (e) {
    return err('bad_cwd', `Cannot use the data folder ${dataDir}: ${(e as Error).message}. Choose another with --data-dir.`);
  }

  const opened = openSqliteStore({ file: join(dataDir, 'orchestrator.sqlite'), nativeBinding: o.nativeBinding });
  if (!opened.ok) return opened;
  const store = opened.value;

  const claimed = claimInstance(store.db, { pid: process.pid, host: o.host, url: null }, clock.now());
  if (!claimed.ok) {
    store.close();
    return err('conflict', claimed.error.message, claimed.error.holder);
  }

  const platform = createNodePlatform();
  const coreId = newId('core', 6);

  // Signing secrets: environment, else the OS keychain (desktop), else an owner-only file in the data folder.
  const env = o.env ?? process.env;
  const secretBase = { dataDir, platform, ...(o.secretSealer ? { sealer: o.secretSealer } : {}) };
  const jwtSecret = loadSecret({ ...secretBase, name: 'jwt', envName: 'DUAL_ORCH_JWT_SECRET', envValue: env.DUAL_ORCH_JWT_SECRET, minLength: 32, generate: () => newSecret(32) });
  const webhookSecret = loadSecret({ ...secretBase, name: 'webhook-inbound', envName: 'DUAL_ORCH_WEBHOOK_SECRET', envValue: env.DUAL_ORCH_WEBHOOK_SECRET, minLength: 24, generate: () => newWebhookSecret(randomBytes) });
  if (!jwtSecret.ok || !webhookSecret.ok) {
    releaseInstance(store.db, process.pid);
    store.close();
    return !jwtSecret.ok ? jwtSecret : (webhookSecret as Extract<typeof webhookSecret, { ok: false }>);
  }
  const opsRepo = createSqliteOpsRepo(store.db);
  // Read lazily by the gauges at scrape time, after everything below exists.
  let sessionsRef: SessionService | null = null;
  let approvalsRef: ApprovalService | null = null;
  let streamRef: StreamHub | null = null;
  const metrics = createOpsMetrics({
    sessions: () => sessionsRef?.list() ?? [],
    approvalsPending: () => approvalsRef?.list().length ?? 0,
    streamClients: () => streamRef?.list() ?? [],
  });
  const observedStore = observeStore(store, metrics);

  // Screen rules and the safety policy are data files; a broken one is refused at start, loudly.
  const rules = loadScreenRuleSets(join(o.appRoot, 'resources', 'screen-rules'));
  if (!rules.ok) {
    releaseInstance(store.db, process.pid);
    store.close();
    return err('internal', `Built-in screen rules are broken: ${rules.error.message}`);
  }
  const policyFile = join(dataDir, 'policy.yaml');
  if (!existsSync(policyFile)) copyFileSync(join(o.appRoot, 'resources', 'policies', 'default-policy.yaml'), policyFile);
  const policy = createPolicyStore();
  // The settings view shows the file as written, even when it was refused.
  let policySource = readFileSync(policyFile, 'utf8');
  const firstLoad = policy.tryReplace(policySource, policyFile);
  // Keep working with the empty policy (everything asks the person) and say why.
  if (!firstLoad.ok) logger.error('policy file refused; every prompt will ask the person', { error: firstLoad.error.message });
  let hookBase: string | null = null;
  const claude = new ClaudeHooks({ platform, sessionsDir: join(dataDir, 'sessions'), hookBaseUrl: () => hookBase });
  const agentTokens = new AgentTokens();
  const agentLaunch = {
    platform,
    tokens: agentTokens,
    sessionsDir: join(dataDir, 'sessions'),
    agentBaseUrl: () => hookBase,
    mcpServerPath: join(o.appRoot, 'resources', 'mcp', 'orchestrator-mcp.mjs'),
    cliPath: join(o.appRoot, 'resources', 'cli', 'dorch.mjs'),
    nodeRuntime: o.nodeRuntime,
  };
  const screens = o.screenWorkerPath
    ? createWorkerScreenFactory({ workerPath: o.screenWorkerPath, logger: logger.child({ component: 'screens' }) })
    : localScreenFactory;
  const sessions = new SessionService({
    clock,
    spawner: createNodePtySpawner(),
    screens,
    // Claude's hooks and conversation id first, then every profile's agent-tools channel (env, Claude's MCP config).
    decorateLaunch: (rec, spec) => {
      const c = claude.decorate(rec, spec);
      if (!c.ok) return c;
      const a = decorateForAgentTools(agentLaunch, rec, c.value.spec);
      return a.ok ? ok({ spec: a.value, agentSessionId: c.value.agentSessionId }) : a;
    },
    store: observedStore,
    logger: logger.child({ component: 'sessions' }),
    workspaceDir,
    profiles: {
      platform,
      env: process.env,
      appRoot: o.appRoot,
      nodeRuntime: o.nodeRuntime,
      demoAgentPath: join(o.appRoot, 'resources', 'demo-agent', 'demo-agent.mjs'),
    },
  });
  const interrupted = sessions.boot();

  const locks = createLockManager({ repo: createSqliteLockRepo(store.db), clock, logger: logger.child({ component: 'locks' }) });
  // A session's leases go with it (MISSION.md: expired leases reclaimed; a dead holder must not block others).
  const lockSub = sessions.onExited.event((rec) => {
    const r = locks.ownerExited({ owner: rec.id });
    if (!r.ok) logger.warn('could not release leases of an ended session', { sessionId: rec.id, error: r.error });
  });

  const prompts = loadPromptTemplates(join(o.appRoot, 'resources', 'prompts'));
  if (!prompts.ok) {
    await sessions.shutdown(0);
    releaseInstance(store.db, process.pid);
    store.close();
    return err('internal', `Built-in prompts are broken: ${prompts.error.message}`);
  }
  // 0 turns the scheduled digests off (MonitorAI then hears only of errors): scripted tests count model turns.
  const digestEnv = Number(process.env.DUAL_ORCH_MONITOR_DIGEST_MS);
  const runs = new Orchestrator({
    clock,
    sessions,
    repo: createSqliteRunRepo(store.db, () => store.events.flush()),
    events: store.events,
    workspaces: createRunWorkspaces({ platform, git: gitCli, runsDir: join(dataDir, 'runs') }),
    prompts: prompts.value,
    logger: logger.child({ component: 'runs' }),
    monitorDigestMs: Number.isFinite(digestEnv) && process.env.DUAL_ORCH_MONITOR_DIGEST_MS !== undefined ? digestEnv : DEFAULT_MONITOR_DIGEST_MS,
  });
  runs.boot();
  // Tests may put a recording fake in the orchestrator's place.
  const runControl: RunControl = o.runControl ?? orchestratorRunControl(runs);
  const agentTools = createAgentToolRegistry({
    // MonitorAI's read_health_digest reads the core's own monitor (built below; read only when a tool is called).
    tools: [...createLockTools({ locks }), ...createOrchestrationTools({
      orch: runs,
      sessions,
      health: () => health.monitor,
      // MonitorAI's suggestions are highlighted on the worker's card like the core's own.
      // MonitorAI's task strategies map onto the healer's: restart is the worker's session, the rest act on its task.
      onSuggestion: (worker, strategy, diagnosis) =>
        health.healer.suggestFromMonitorAi(worker, strategy === 'restart' ? 'restart_session' : `${strategy}_task`, diagnosis),
      now: () => clock.now(),
    })],
    events: sessions,
    clock,
  });
  const agentTokenSub = sessions.onExited.event((rec) => {
    // After the exit handlers: a restart starts the new process (with its fresh token) synchronously.
    queueMicrotask(() => {
      const rt = sessions.get(rec.id);
      if (!rt.ok || !rt.value.isLive) agentTokens.revoke(rec.id);
    });
  });

  const info: AppInfo = {
    name: APP_NAME,
    version: o.version,
    host: o.host,
    platform: process.platform,
    dataDir,
    workspaceDir,
    coreId,
    startedAt: clock.now(),
    limitations:
      process.platform === 'win32'
        ? ['Windows has no pause signal: pausing an agent is not available; stop or interrupt it instead.']
        : [],
  };
  const approvals = new ApprovalService({
    clock,
    logger: logger.child({ component: 'approvals' }),
    sessions,
    rules: rules.value,
    policy,
    runJudge: createJudgeRunner(),
    homeDir: homedir(),
    platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
  });
  const healthRepo = createSqliteHealthRepo(store.db);
  let notify: (level: 'info' | 'warning' | 'error', message: string) => void = () => undefined;
  const health = new HealthService({
    clock,
    logger: logger.child({ component: 'health' }),
    sessions,
    stats: createProcessStats({ platform: process.platform, dataDir }),
    repo: healthRepo,
    runControl,
    signals: createProcessSignals(),
    cleanWorkspace: createWorkspaceCleaner(workspaceDir),
    pendingApprovals: () => {
      const m = new Map<string, number>();
      for (const a of approvals.list()) if (a.status === 'pending') m.set(a.sessionId, (m.get(a.sessionId) ?? 0) + 1);
      return m;
    },
    notify: (level, message) => notify(level, message),
    config: o.health,
    policy: o.restartPolicy,
  });
  sessionsRef = sessions;
  approvalsRef = approvals;
  const { accounts, stream, inbound, inboundRouter, outbound, subs: opsSubs } = composeOps({
    clock, store, sessions, approvals, metrics, repo: opsRepo, logger, jwtSecret: jwtSecret.value.value, webhookSecret: webhookSecret.value.value,
  });
  streamRef = stream;
  logger.info('operations secrets loaded', { jwt: jwtSecret.value.source, webhookInbound: webhookSecret.value.source });

  const handlers: Handlers = {
    ...createOpsHandlers({ accounts, stream, sessions }),
    ...createHandlers({
      sessions,
      approvals,
      locks,
      runs,
      health: { service: health, repo: healthRepo },
      appInfo: () => info,
      policy: {
        get: () => policyText(policy, policySource),
        set: (text) => {
          const r = replacePolicy(policy, text, (t) => platform.writePrivateFile(policyFile, t));
          if (r.ok) {
            policySource = text;
            sessions.event('policy.changed', null, { digest: policy.current().digest });
          }
          return r;
        },
      },
    }),
  };
  const hub = new ClientHub({ sessions, handlers, logger, approvals, locks });
  // A signed run request starts a run exactly as runs.create does (same schema, same handler). A task
  // submission naming a run is queued into it; one without a run id stays a recorded
  // webhook.received event for the person (nothing is lost, nothing guessed).
  inboundRouter.handle('run.request', (data, meta) =>
    dispatch(handlers, logger, 'runs.create', data, { clientId: `webhook:${meta.messageId}`, correlationId: meta.correlationId, push: () => undefined }),
  );
  inboundRouter.handle('task.submit', (data, meta) => {
    if (data.runId === undefined) return ok({ queued: false, recorded: true });
    const parsed = SubmitTaskInput.safeParse(data);
    if (!parsed.success) return err('bad_input', `Not a task for a run: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')}`);
    const r = runs.tasks.submitTask(parsed.data.runId, { title: parsed.data.title, description: parsed.data.description }, 'webhook', meta.correlationId);
    return r.ok ? ok({ queued: true, taskId: r.value.id, index: r.value.index }) : r;
  });
  const runSubs = [
    runs.book.onRunChanged.event((r) => hub.broadcast('run.changed', r)),
    runs.book.onTaskChanged.event((t) => hub.broadcast('task.changed', t)),
    runs.onNotice.event((n) => hub.broadcast('app.notice', n)),
  ];
  notify = (level, message) => hub.broadcast('app.notice', { level, message });
  const healthSubs = [
    health.monitor.onTick.event((t) => hub.broadcast('health.tick', t)),
    health.monitor.onChanged.event((h) => hub.broadcast('health.changed', h)),
    // A stalled MainAI freezes its run (MISSION.md's `frozen`); moving again thaws it.
    health.monitor.onChanged.event((h) => {
      const runId = runs.runOf(h.sessionId);
      const run = runId ? runs.book.run(runId) : undefined;
      if (!runId || !run || run.mainSessionId !== h.sessionId) return;
      const stall = h.issues.find((i) => i.kind === 'stalled');
      if (stall && run.state !== 'frozen') runs.freeze(runId, stall.reason);
      else if (!stall && run.state === 'frozen') runs.thaw(runId);
    }),
  ];

  /** Last phase of every stop: what was built after the sessions, in reverse order, then the store. */
  const releaseAll = (): void => {
    for (const d of healthSubs) d.dispose();
    health.dispose();
    for (const d of opsSubs) d.dispose();
    outbound.dispose();
    stream.dispose();
    hub.dispose();
    for (const sub of runSubs) sub.dispose();
    runs.dispose();
    agentTokenSub.dispose();
    lockSub.dispose();
    locks.dispose();
    screens.dispose();
    releaseInstance(store.db, process.pid);
    store.close();
  };
  let web: WebHost;
  const token = o.options.token ?? newSecret();
  const listen = (port: number): Promise<WebHost> =>
    startWebHost({
      hub,
      logger: logger.child({ component: 'web' }),
      token,
      rendererDir: o.rendererDir,
      host: o.options.host,
      port,
      routes: (app) => {
        registerControlApi(
          app,
          {
            handlers, sessions, events: store.events, approvals, locks, accounts, stream, metrics, inbound, inboundRouter, outbound, repo: opsRepo, clock,
            logger: logger.child({ component: 'control-api' }), appInfo: () => info, newId: (p) => newId(p), newWebhookSecret: () => newWebhookSecret(randomBytes),
          },
          { uiToken: token, version: o.version },
        );
        registerHookRoutes(app, { claude, sessions, approvals, clock, logger: logger.child({ component: 'hooks' }), onHook: (id, body) => health.monitor.hook(id, body) });
        registerAgentToolRoutes(app, {
          registry: agentTools,
          tokens: agentTokens,
          sessions,
          logger: logger.child({ component: 'agent-tools' }),
          onListed: (sessionId) => runs.toolsListed(sessionId),
        });
      },
    });
  try {
    web = await listen(o.options.port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' && !o.options.portExplicit) {
      logger.warn('default port busy, using a free one', { port: o.options.port });
      web = await listen(0);
    } else {
      approvals.dispose();
      await sessions.shutdown(0);
      releaseAll();
      return err('unavailable', `Cannot listen on ${o.options.host}:${o.options.port}: ${(e as Error).message}`);
    }
  }
  // Hooks always go to loopback, whatever address the UI is served on.
  hookBase = `http://127.0.0.1:${web.port}`;
  updateInstance(store.db, process.pid, { url: web.url, heartbeat: clock.now() });
  const heartbeat = clock.setInterval(() => updateInstance(store.db, process.pid, { heartbeat: clock.now() }), INSTANCE_HEARTBEAT_MS);
  sessions.event('app.started', null, { host: o.host, version: o.version, pid: process.pid, coreId });
  health.start();
  health.restoreInterrupted(interrupted);
  logger.info('core started', { coreId, dataDir, url: web.url.replace(/token=[^&]+/, 'token=…') });

  let shuttingDown: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      sessions.event('app.stopping', null, {});
      heartbeat.cancel();
      // The healer must not restart what the shutdown is stopping.
      health.dispose();
      runs.appStopping();
      // Held permission hooks are answered "no opinion" first: the server waits for open requests.
      approvals.dispose();
      // Open event streams never end by themselves: close them, or the server would wait for them forever.
      stream.dispose();
      await web.close().catch((e: unknown) => logger.warn('server close failed', { err: e }));
      await sessions.shutdown();
      releaseAll();
      logger.info('core stopped', { coreId });
    })());

  return ok({
    sessions, hub, handlers, web, store, locks, approvals, claude, agentTokens, agentTools, runs, runControl, health,
    info, accounts, metrics, stream, outbound, inboundRouter, shutdown,
  });
}
