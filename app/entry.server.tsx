import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToReadableStream } from "./utils/html-stream.server";
import { NonceProvider } from "./utils/nonce";
import { healthcheck } from "./server/runtime.server";
import { unavailablePage } from "./utils/unavailable.server";
import "./utils/context";

export { startApp, healthcheck, shutdown, trustProxySetting } from "./server/runtime.server";
export { dataVersion, pageLanguage } from "./server/shared-pages.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A server error while the database is unreachable becomes a calm 503 page that asks to retry shortly.
  if (responseStatusCode >= 500) {
    const health = await healthcheck();
    if (!health.ok) return unavailablePage();
  }
  const nonce = loadContext?.nonce ?? "";
  // React's web-stream renderer, not renderToPipeableStream: the Node one corrupts multi-byte text at its
  // buffer boundaries (NUL bytes inside Japanese; ADR 014).
  const signal = AbortSignal.timeout(ABORT_DELAY);
  let shellRendered = false;
  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal,
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered && !signal.aborted) console.error(error);
      },
    },
  );
  shellRendered = true;
  if (loadContext?.wholePage || isbot(request.headers.get("user-agent") ?? "")) await body.allReady;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Log what happened without request bodies or cookies (they may hold personal data).
  console.error(`${request.method} ${new URL(request.url).pathname}:`, error instanceof Error ? error.stack ?? error.message : error);
}
