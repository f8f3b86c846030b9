import path from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from '../db/dialect.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  WENNUAN_NO_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  loadDemo: boolean;
  logLevel: string;
}

/** Reads and validates the environment once, at boot; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { demo?: boolean } = {}): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  const database: DatabaseTarget = values.DATABASE_URL
    ? { dialect: 'postgres', location: values.DATABASE_URL }
    : { dialect: 'sqlite', location: path.join(dataDir, 'wennuan.sqlite') };
  const demoDisabledByEnv = values.WENNUAN_NO_DEMO === '1' || values.WENNUAN_NO_DEMO === 'true';
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    database,
    loadDemo: overrides.demo ?? !demoDisabledByEnv,
    logLevel: values.LOG_LEVEL,
  };
}
