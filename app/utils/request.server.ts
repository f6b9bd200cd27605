import type { AppLoadContext } from "@remix-run/node";
import { env } from "./env.server";
import type { Locale } from "./i18n";
import { getLocale } from "./locale.server";
import { nudgeWorker } from "./worker-nudge.server";

/** What use-cases are told about the request they serve (modules never see the Request itself). */
export interface RequestContext {
  origin: string;
  locale: Locale;
  ip: string;
}

/** What use-cases need to know about the request: the site's origin for links, the language, the client's address. */
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
