/**
 * Channel names only — no zod — so the sandboxed preload can import them
 * without bundling schemas. channels.ts checks its schema map covers exactly
 * these names.
 */
export const INVOKE_CHANNELS = [
  'app.info',
  'profiles.list',
  'sessions.list',
  'sessions.create',
  'sessions.stop',
  'sessions.kill',
  'sessions.restart',
  'sessions.rename',
  'sessions.forget',
  'terminal.attach',
  'terminal.detach',
  'terminal.input',
  'terminal.resize',
  'terminal.ack',
  'history.sessions',
  'history.events',
  'history.screen',
  'approvals.list',
  'approvals.decide',
  'approvals.history',
  'sessions.setMode',
  'screen.debug',
  'policy.get',
  'policy.set',
  'locks.list',
  'locks.forceRelease',
  'runs.list',
  'runs.get',
  'runs.create',
  'runs.stop',
  'runs.pause',
  'runs.resume',
  'runs.timeline',
  'runs.report',
  'tasks.retry',
  'tasks.skip',
  'tasks.reassign',
  'health.overview',
  'health.samples',
  'health.act',
  'health.setMode',
  'health.events',
  // Operations (issue 6): service accounts and live-stream clients for the settings view.
  'ops.accounts.list',
  'ops.accounts.create',
  'ops.accounts.revoke',
  'ops.streamClients',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

export const PUSH_CHANNELS = ['terminal.data', 'session.changed', 'session.removed', 'app.notice', 'approval.changed', 'locks.changed', 'run.changed', 'task.changed', 'health.tick', 'health.changed'] as const;
export type PushChannel = (typeof PUSH_CHANNELS)[number];
