import type { DataSource } from 'typeorm';

export interface HealthResult {
  ok: boolean;
  detail?: unknown;
}

/** One thing /healthz reports on; jobs add theirs (last run, overdue) beside the database's. */
export interface HealthCheck {
  name: string;
  run(): Promise<HealthResult>;
}

export function databaseChecks(dataSource: DataSource): HealthCheck[] {
  return [
    {
      name: 'database',
      async run() {
        await dataSource.query('SELECT 1');
        return { ok: true };
      },
    },
    {
      name: 'migrations',
      async run() {
        const pending = await dataSource.showMigrations();
        return {
          ok: !pending,
          detail: pending ? 'pending migrations: run npm run migrate' : 'current',
        };
      },
    },
  ];
}
