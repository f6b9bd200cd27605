import { z } from "zod";
import path from "node:path";
import { parseTrustProxy } from "./trust-proxy.server";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default("./data"),
  APP_URL: z.string().url().optional(),
  RESEND_API_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  EMAIL_FROM: z.string().default("つなぐ八幡東 <no-reply@tsunagu.example>"),
  MEILISEARCH_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  MEILISEARCH_KEY: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs certificates; unset, one is made and kept in the database. */
  CERTIFICATE_SIGNING_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  /** Set by `server.mjs --demo` (`npm start`, `npm run dev`): demo data, the dev mailbox, no production checks. */
  DEMO_MODE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** Logins allowed per client address in 15 minutes (security checklist A6, ASVS 6.3.1). Raise it only where many people share one address. */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
  /** Logins allowed per email address in 15 minutes, whether or not it has an account (security checklist A6, ASVS 6.3.1). */
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
    const error = new Error(`Invalid environment:\n${lines}`);
    error.name = "InvalidEnvironment";
    throw error;
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

/** True in demo mode without an email provider: the dev mailbox and the demo banner exist. */
export function isDemoMailbox(): boolean {
  return env().DEMO_MODE && !env().RESEND_API_KEY;
}

/** True outside demo mode without an email provider: nothing is sent, and staff are told so. */
export function isEmailUnsent(): boolean {
  return !env().DEMO_MODE && !env().RESEND_API_KEY;
}

/** The site's public address for links in emails and feeds: configuration only, never a request's Host. */
export function appOrigin(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
