import { isIP } from 'node:net';
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
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      const entries = (value ?? '').split(',').map((entry) => entry.trim());
      const proxies = entries.filter((entry) => entry !== '');
      const wrong = proxies.find((entry) => !isProxyAddress(entry));
      if (wrong === undefined) return proxies;
      context.addIssue({
        code: 'custom',
        message: `"${wrong}" is not an IP address, a CIDR range (10.0.0.0/8) or loopback/linklocal/uniquelocal`,
      });
      return z.NEVER;
    }),
});

/** Names proxy-addr (Fastify's trustProxy) knows for the private ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  loadDemo: boolean;
  logLevel: string;
  /** the reverse proxies whose X-Forwarded-For is believed; none by default */
  trustProxy: string[];
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
    trustProxy: values.TRUST_PROXY,
  };
}
