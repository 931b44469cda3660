import type { ControlModule } from './deps';

/** Prometheus text format (prom-client). Needs a viewer token: Prometheus sends it with `authorization: {credentials: …}`. */
export const metricsRoutes: ControlModule = (api, d) => {
  api.describe({ method: 'GET', url: '/metrics', access: 'viewer', tag: 'metrics', produces: 'text/plain', summary: 'Prometheus metrics' });
  api.app.get('/metrics', async (req, reply) => {
    const principal = await api.authorize(req, reply, 'viewer', false);
    if (!principal) return reply;
    // Event-derived series count what is committed: commit the current batch first so a scrape is up to date.
    d.events.flush();
    const text = await d.metrics.text();
    return reply.type(d.metrics.contentType).send(text);
  });
};
