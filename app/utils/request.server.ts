import type { AppLoadContext } from "@remix-run/node";
import { env } from "./env.server";
import { getLocale } from "./locale.server";
import type { RequestContext } from "./request-context";
import { nudgeWorker } from "./runtime.server";

/** The request's context for use-cases, from the request and what the server entry found (the client's address). */
export function requestContext(request: Request, context: AppLoadContext | undefined): RequestContext {
  return {
    origin: env().APP_URL?.replace(/\/$/, "") ?? new URL(request.url).origin,
    locale: getLocale(request),
    ip: context?.clientIp ?? "",
  };
}

/** Lets the in-process worker send what this request queued without waiting for its next poll. */
export function afterCommit(): void {
  nudgeWorker();
}

export function isLoopback(ip: string): boolean {
  return ip === "::1" || ip.startsWith("127.") || ip.startsWith("::ffff:127.");
}
