import type { DB, Executor } from "#db/client.server";
import { enqueueJob, jobInsert, PermanentJobError } from "#db/jobs.server";
import { env } from "~/utils/env.server";
import type { EmailMessage } from "./render";
import { createDevMailboxTransport, createResendTransport, type EmailTransport } from "./transport.server";

/**
 * Queues an email in the caller's transaction: it is sent only if that transaction commits, by the worker,
 * never inside a request.
 */
export async function sendEmail(db: Executor, message: EmailMessage): Promise<void> {
  await enqueueJob(db, "email", message);
}

/** The statement `sendEmail` runs, for a caller that sends it together with others in its transaction. */
export function emailInsert(db: Executor, message: EmailMessage) {
  return jobInsert(db, "email", message);
}

export function emailTransport(db: DB): EmailTransport {
  const e = env();
  return e.RESEND_API_KEY ? createResendTransport({ apiKey: e.RESEND_API_KEY }) : createDevMailboxTransport(db);
}

export function emailJobHandler(db: DB, transport: EmailTransport = emailTransport(db)) {
  return async (payload: EmailMessage, job: { id: number }) => {
    if (!payload || typeof payload !== "object" || !("template" in payload)) throw new PermanentJobError("malformed email job");
    // The templates and their renderer are loaded by the first email the worker sends, not at every start (ADR 037).
    const { renderEmail } = await import("./render");
    const rendered = await renderEmail(payload);
    await transport.send({
      id: String(job.id),
      to: payload.to,
      from: env().EMAIL_FROM,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    });
  };
}
