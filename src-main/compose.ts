import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../src-preload/contract/channels';
import { err, ok, type Result } from '../src-preload/contract/result';
import { ClientHub } from './core/api/client-hub';
import { createHandlers, type Handlers } from './core/api/handlers';
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
import type { HealthReader, RunControl } from './core/ports/run-control';
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
  /** Where MonitorAI's read_health_digest reads from once the health feature sets it. */
  setHealthReader(reader: HealthReader): void;
  readonly info: AppInfo;
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
    store,
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
  sessions.boot();

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
  const runControl = orchestratorRunControl(runs);
  let healthReader: HealthReader | null = null;
  const agentTools = createAgentToolRegistry({
    tools: [...createLockTools({ locks }), ...createOrchestrationTools({ orch: runs, sessions, health: () => healthReader, now: () => clock.now() })],
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
  const handlers = createHandlers({
    sessions,
    approvals,
    locks,
    runs,
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
  });
  const hub = new ClientHub({ sessions, handlers, logger, approvals, locks });
  const runSubs = [
    runs.book.onRunChanged.event((r) => hub.broadcast('run.changed', r)),
    runs.book.onTaskChanged.event((t) => hub.broadcast('task.changed', t)),
    runs.onNotice.event((n) => hub.broadcast('app.notice', n)),
  ];

  /** Last phase of every stop: what was built after the sessions, in reverse order, then the store. */
  const releaseAll = (): void => {
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
        registerHookRoutes(app, { claude, sessions, approvals, clock, logger: logger.child({ component: 'hooks' }) });
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
  logger.info('core started', { coreId, dataDir, url: web.url.replace(/token=[^&]+/, 'token=…') });

  let shuttingDown: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      sessions.event('app.stopping', null, {});
      heartbeat.cancel();
      runs.appStopping();
      // Held permission hooks are answered "no opinion" first: the server waits for open requests.
      approvals.dispose();
      await web.close().catch((e: unknown) => logger.warn('server close failed', { err: e }));
      await sessions.shutdown();
      releaseAll();
      logger.info('core stopped', { coreId });
    })());

  return ok({
    sessions, hub, handlers, web, store, locks, approvals, claude, agentTokens, agentTools, runs, runControl,
    setHealthReader: (reader) => (healthReader = reader),
    info, shutdown,
  });
}
