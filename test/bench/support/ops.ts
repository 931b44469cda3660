import { Webhook } from 'standardwebhooks';
import { freshDataDir, startApp, type RunningApp } from '../../fixtures/app-process';

/** The built app (browser mode) with an admin and a viewer token and the inbound webhook signer. */
export interface OpsApp {
  app: RunningApp;
  admin: string;
  viewer: string;
  signer: Webhook;
  get(path: string, token?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Starts a demo agent through the control API (as the admin); its session id. */
  startDemo(name: string, args?: string[]): Promise<string>;
}

export async function startOpsApp(prefix: string): Promise<OpsApp> {
  const app = await startApp(freshDataDir(prefix));
  const admin = app.token;
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const r = await fetch(app.origin + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: (await r.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const created = await call('POST', '/api/v1/accounts', admin, { name: 'bench', role: 'viewer' });
  if (created.status !== 201) throw new Error(`cannot create the bench account: ${JSON.stringify(created.body)}`);
  const secret = (await call('GET', '/api/v1/webhooks/inbound-secret', admin)).body.secret as string;
  return {
    app,
    admin,
    viewer: created.body.token as string,
    signer: new Webhook(secret),
    get: (path, token = admin) => call('GET', path, token),
    async startDemo(name, args = []) {
      const r = await call('POST', '/api/v1/sessions', admin, { profileId: 'demo', name, args });
      if (r.status !== 201) throw new Error(`cannot start a demo session: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },
  };
}

let counter = 0;
/** A signed inbound webhook (a task submission): each one is an event in the store. */
export function signedTask(signer: Webhook, text: string, at = new Date()): { headers: Record<string, string>; body: string } {
  const id = `msg_bench_${process.pid}_${++counter}`;
  const body = JSON.stringify({ type: 'task.submit', data: { text } });
  return {
    body,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signer.sign(id, at, body) },
  };
}

export async function postWebhook(origin: string, w: { headers: Record<string, string>; body: string }): Promise<number> {
  const r = await fetch(`${origin}/api/v1/webhooks/inbound`, { method: 'POST', headers: w.headers, body: w.body });
  await r.arrayBuffer();
  return r.status;
}
