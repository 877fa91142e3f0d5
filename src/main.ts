import 'dotenv/config';
import { boot } from './boot';
import { ConfigError } from './config/config-error';
import { loadEnv } from './config/env';
import { listen } from './http/server';
import { createLogger } from './logger';

async function main() {
  const env = loadEnv(process.env);
  const log = createLogger(env.LOG_LEVEL);
  const app = await boot(env);
  const server = await listen(app.http, env.PORT);
  log.info({ port: env.PORT, organisation: app.org.organisation.name }, 'petition bot started');
  const stop = async () => {
    server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    console.error(`The petition bot cannot start:\n${e.message}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
