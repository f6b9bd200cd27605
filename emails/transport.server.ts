import type { Kysely } from "kysely";
import { sql } from "kysely";
import { Resend, type ErrorResponse } from "resend";
import type { Database } from "#db/schema";
import { hasHeaderBreakingCharacters, sanitizeHeaderValue } from "./sanitize";

/**
 * Where rendered emails go. The outbox worker renders a message, then hands it to a transport; a transport that
 * fails throws, and the error's `retryable` property tells the outbox whether to try again later.
 */
export interface OutgoingEmail {
  /** The outbox job id; also the idempotency key, so a job that runs twice sends once. */
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  name: string;
  send(email: OutgoingEmail): Promise<void>;
}

/** A failed send. `retryable` is false when sending the same email again cannot succeed (bad address, bad request). */
export class EmailSendError extends Error {
  readonly retryable: boolean;
  readonly provider: string;
  /** The provider's error name, e.g. `validation_error`, `rate_limit_exceeded`. */
  readonly code: string;
  readonly statusCode: number | null;

  constructor(options: { provider: string; code: string; message: string; statusCode: number | null; retryable: boolean }) {
    const status = options.statusCode === null ? "no response" : `HTTP ${options.statusCode}`;
    super(`${options.provider} ${options.code} (${status}): ${options.message}`);
    this.name = "EmailSendError";
    this.provider = options.provider;
    this.code = options.code;
    this.statusCode = options.statusCode;
    this.retryable = options.retryable;
  }
}

/** Addresses are never rewritten: one that could break a header line is refused outright. */
function checkAddresses(provider: string, email: OutgoingEmail): void {
  for (const [field, value] of [
    ["to", email.to],
    ["from", email.from],
  ] as const) {
    if (typeof value !== "string" || value.trim() === "" || hasHeaderBreakingCharacters(value)) {
      throw new EmailSendError({
        provider,
        code: "invalid_address",
        message: `the "${field}" address is empty or contains control characters`,
        statusCode: null,
        retryable: false,
      });
    }
  }
}

const INT4_MAX = 2_147_483_647;

function jobIdOf(id: string): number | null {
  if (!/^\d{1,10}$/.test(id)) return null;
  const n = Number(id);
  return n <= INT4_MAX ? n : null;
}

/**
 * The dev mailbox: emails are stored in `dev_emails` and shown on the site instead of being sent. Used when no
 * provider is configured (a fresh clone, tests, demos). Like the provider, it is idempotent per outbox job: a job
 * that runs again after a crash does not store a second copy.
 */
export function createDevMailboxTransport(db: Kysely<Database>): EmailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      checkAddresses("dev-mailbox", email);
      const jobId = jobIdOf(email.id);
      const subject = sanitizeHeaderValue(email.subject);
      if (jobId === null) {
        await db
          .insertInto("dev_emails")
          .values({ job_id: null, to_address: email.to, subject, html: email.html, text: email.text })
          .execute();
        return;
      }
      await sql`
        insert into dev_emails (job_id, to_address, subject, html, text)
        select ${jobId}, ${email.to}, ${subject}, ${email.html}, ${email.text}
        where not exists (select 1 from dev_emails where job_id = ${jobId})`.execute(db);
    },
  };
}

/** Provider errors worth trying again later: throttling, quotas, provider trouble, a request already in flight. */
const RETRYABLE_CODES = new Set<string>([
  "rate_limit_exceeded",
  "daily_quota_exceeded",
  "monthly_quota_exceeded",
  "concurrent_idempotent_requests",
  "application_error",
  "internal_server_error",
]);

/** Provider errors that will fail the same way every time. */
const PERMANENT_CODES = new Set<string>([
  "validation_error",
  "missing_required_field",
  "invalid_parameter",
  "invalid_from_address",
  "invalid_attachment",
  "invalid_idempotency_key",
  "invalid_idempotent_request",
  "invalid_region",
  "missing_api_key",
  "invalid_api_key",
  "restricted_api_key",
  "invalid_access",
  "not_found",
  "method_not_allowed",
  "security_error",
]);

export function isRetryableProviderError(error: Partial<ErrorResponse> | null | undefined): boolean {
  const code = typeof error?.name === "string" ? error.name : "";
  const status = typeof error?.statusCode === "number" ? error.statusCode : null;
  if (status === 429 || (status !== null && status >= 500)) return true;
  if (RETRYABLE_CODES.has(code)) return true;
  if (PERMANENT_CODES.has(code)) return false;
  if (status !== null && status >= 400) return false;
  // No status and an unknown name: the body was not Resend's error shape (a proxy page, a dropped connection).
  return true;
}

export interface ResendTransportOptions {
  apiKey: string;
  /** Defaults to the client's own default (env RESEND_BASE_URL, else https://api.resend.com). */
  baseUrl?: string;
  /** Give up on one request after this long (it is then retried by the outbox). Default 30 s. */
  timeoutMs?: number;
}

/**
 * Sends through Resend with the official client. The outbox job id becomes the Idempotency-Key, so a worker that
 * dies after sending and before marking the job done does not send the email twice (Resend keeps keys for 24 h).
 */
export function createResendTransport(options: ResendTransportOptions): EmailTransport {
  if (!options.apiKey) {
    // The client would otherwise fall back to env RESEND_API_KEY on its own.
    throw new Error("createResendTransport: apiKey is required");
  }
  const baseUrl = options.baseUrl?.replace(/\/+$/, "");
  const resend = new Resend(options.apiKey, baseUrl ? { baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 30_000;

  return {
    name: "resend",
    async send(email) {
      checkAddresses("resend", email);
      const { error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: sanitizeHeaderValue(email.subject),
          html: email.html,
          text: email.text,
        },
        { idempotencyKey: `tsunagu-email-${email.id}`, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (!error) return;
      const raw = error as Partial<ErrorResponse> | null;
      throw new EmailSendError({
        provider: "resend",
        code: typeof raw?.name === "string" ? raw.name : "unknown_error",
        message: typeof raw?.message === "string" ? raw.message : JSON.stringify(raw),
        statusCode: typeof raw?.statusCode === "number" ? raw.statusCode : null,
        retryable: isRetryableProviderError(raw),
      });
    },
  };
}
