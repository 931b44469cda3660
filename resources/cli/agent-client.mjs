// The agent side of the orchestrator's agent-tools channel, shared by the dorch CLI and the
// MCP server: reads DUAL_ORCH_AGENT_URL / DUAL_ORCH_AGENT_TOKEN (set by the orchestrator in
// every session it starts) and talks to POST /agent/tools/:tool on loopback.
// node:http rather than fetch: fetch gives up on a response after 300 s, while lock_acquire
// may legitimately block for up to 10 min (MAX_LOCK_WAIT_MS).
import http from 'node:http';

export const AGENT_URL_ENV = 'DUAL_ORCH_AGENT_URL';
export const AGENT_TOKEN_ENV = 'DUAL_ORCH_AGENT_TOKEN';
export const AGENT_TOKEN_HEADER = 'x-dual-orch-agent';

/** { url, token } from the environment, or { error } saying what is missing. */
export function agentEnv(env = process.env) {
  const url = env[AGENT_URL_ENV];
  const token = env[AGENT_TOKEN_ENV];
  if (!url || !token) {
    return { error: `${AGENT_URL_ENV} and ${AGENT_TOKEN_ENV} are not set: run this inside a session started by Dual Orchestrator.` };
  }
  return { url, token };
}

/** One request; resolves the Result envelope ({ok,value} | {ok:false,error:{code,message}}), never rejects. */
function request(conn, method, path, body) {
  return new Promise((resolve) => {
    let target;
    try {
      target = new URL(path, conn.url);
    } catch {
      resolve({ ok: false, error: { code: 'bad_input', message: `${AGENT_URL_ENV} is not a URL: ${conn.url}` } });
      return;
    }
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const req = http.request(
      target,
      {
        method,
        headers: {
          [AGENT_TOKEN_HEADER]: conn.token,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = JSON.parse(text);
            if (parsed && typeof parsed.ok === 'boolean') return resolve(parsed);
          } catch {
            // not JSON: answered below with the status and the start of the text
          }
          resolve({ ok: false, error: { code: 'unavailable', message: `Unexpected answer from the orchestrator (HTTP ${res.statusCode}): ${text.slice(0, 200)}` } });
        });
        res.on('error', (e) => resolve({ ok: false, error: { code: 'unavailable', message: `Lost the orchestrator's answer: ${e.message}` } }));
      },
    );
    req.on('error', (e) => resolve({ ok: false, error: { code: 'unavailable', message: `Cannot reach the orchestrator at ${conn.url}: ${e.message}` } }));
    req.end(payload);
  });
}

export const callTool = (conn, tool, args) => request(conn, 'POST', `/agent/tools/${encodeURIComponent(tool)}`, args ?? {});
export const listTools = (conn) => request(conn, 'GET', '/agent/tools');
