import { z } from "zod";
import path from "node:path";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32).optional(),
  APP_URL: z.string().url().optional(),
  RESEND_API_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  EMAIL_FROM: z.string().default("つなぐ八幡東 <no-reply@tsunagu.example>"),
  MEILISEARCH_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  MEILISEARCH_KEY: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs certificates; unset, one is made and kept in the database. */
  CERTIFICATE_SIGNING_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** Logins allowed per client address in 15 minutes (SECURITY A6). Raise it only where many people share one address. */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
  /** Logins allowed per email address in 15 minutes, whether or not it has an account (SECURITY A6). */
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(10000).default(10),
  /** Sign-ups allowed per client address in an hour. */
  SIGNUP_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10000).default(10),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The environment, parsed once. A bad value stops the process with a message that names it. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

/** True when the site runs on its embedded defaults (no email provider): the dev mailbox and demo banner exist. */
export function isDemoMailbox(): boolean {
  return !env().RESEND_API_KEY;
}
