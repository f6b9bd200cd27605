import type { AppLoadContext } from "@remix-run/node";
import { isDemoMailbox } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { isFromThisMachine } from "~/utils/local-request.server";

/**
 * The dev mailbox exists only in demo mode with no email provider configured, and only for requests made on
 * this machine (not relayed by any proxy): it shows every email the site "sent", links included.
 */
export function requireDevMailboxAccess(request: Request, context: AppLoadContext | undefined): void {
  if (!isDemoMailbox() || !isFromThisMachine(request, context)) notFound();
}
