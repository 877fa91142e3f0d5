import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { HealthCheck } from './health';

export interface HttpOptions {
  /** HEALTHZ_TOKEN: who presents it as a bearer token sees each check's detail. */
  healthDetailToken?: string;
}

/** Compares in constant time, so the token cannot be guessed from response times. */
function presents(req: Request, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The one HTTP server of the process. Adapters mount their routes (/slack/events, /lark/…) on
 * `app` before `listen`; /healthz is ours. Anyone can reach /healthz, so it says only ok or not:
 * job history and database error text are for whoever holds the health token.
 */
export function createHttpApp(checks: HealthCheck[], options: HttpOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (req, res) => {
    const results: Record<string, { ok: boolean; detail?: unknown }> = {};
    for (const check of checks) {
      try {
        results[check.name] = await check.run();
      } catch (e) {
        results[check.name] = { ok: false, detail: (e as Error).message };
      }
    }
    const ok = Object.values(results).every((r) => r.ok);
    res
      .status(ok ? 200 : 503)
      .json(presents(req, options.healthDetailToken) ? { ok, checks: results } : { ok });
  });
  return app;
}

/**
 * Express answers a body it cannot parse with an HTML page carrying the stack trace and the
 * server's paths; every error here is a short JSON answer instead, and the details stay out of
 * the response.
 */
const shortJsonError: ErrorRequestHandler = (error: { status?: number }, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status =
    Number.isInteger(error.status) && Number(error.status) >= 400 ? Number(error.status) : 500;
  res.status(status).json({ error: status < 500 ? 'bad request' : 'internal error' });
};

/**
 * Starts serving. By now every adapter has mounted its routes, so what no route answered gets a
 * JSON 404 and the error handler goes last, where Express needs it.
 */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(shortJsonError);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}
