import { isDemoMailbox } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { isLoopback } from "~/utils/request.server";

/**
 * The dev mailbox exists only while no email provider is configured, and only for requests from this
 * machine: it shows every email the site "sent", links included.
 */
export function requireDevMailboxAccess(clientIp: string): void {
  if (!isDemoMailbox() || !isLoopback(clientIp)) notFound();
}
