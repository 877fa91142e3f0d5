import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { HealthCheck } from './health';

/**
 * The one HTTP server of the process. Adapters mount their routes (/slack/events, /lark/…) on
 * `app` before `listen`; /healthz is ours.
 */
export function createHttpApp(checks: HealthCheck[]): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    const results: Record<string, { ok: boolean; detail?: unknown }> = {};
    for (const check of checks) {
      try {
        results[check.name] = await check.run();
      } catch (e) {
        results[check.name] = { ok: false, detail: (e as Error).message };
      }
    }
    const ok = Object.values(results).every((r) => r.ok);
    res.status(ok ? 200 : 503).json({ ok, checks: results });
  });
  return app;
}

export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}
