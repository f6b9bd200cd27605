import type { AppLoadContext } from "@remix-run/node";
import { appOrigin } from "./env.server";
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
    origin: appOrigin(),
    locale: getLocale(request),
    ip: context?.clientIp ?? "",
  };
}

/** Lets the in-process worker send what this request queued without waiting for its next poll. */
export function afterCommit(): void {
  nudgeWorker();
}
