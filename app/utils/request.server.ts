import type { AppLoadContext } from "@remix-run/node";
import { appOrigin } from "./env.server";
import { getLocale } from "./locale.server";
import type { RequestContext } from "./request-context";
import { nudgeWorker } from "./worker-nudge.server";

/** The request's context for use-cases, from the request and what the server entry found (the client's address). */
export function requestContext(request: Request, context: AppLoadContext | undefined): RequestContext {
  return {
    origin: appOrigin(),
    locale: getLocale(request),
    ip: context?.clientIp ?? "",
  };
}

/** Lets the in-process worker send what this request queued without waiting for its next poll. */
export function afterCommit(): void {
  nudgeWorker();
}
