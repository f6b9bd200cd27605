// The HTTP server: security headers, CSRF origin check, static files, /healthz, the Remix handler, and a
// graceful shutdown that stops the worker and closes the database.
import crypto from "node:crypto";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { SECURITY_HEADERS, edgeGuard, handleClientError } from "./server/edge.mjs";
import { compressResponses, hashedAssets, publicFiles } from "./server/responses.mjs";
import { pageCache } from "./server/page-cache.mjs";
import { limitHeapGrowth } from "./server/memory.mjs";

// The old generation is collected when it is half again what was live, so memory stays flat under load (ADR 039).
limitHeapGrowth();

const dev = process.argv.includes("--dev");
// Demo mode is said, never inferred: `npm start` and `npm run dev` pass --demo (docs/decisions/016-explicit-demo-mode.md).
if (process.argv.includes("--demo")) process.env.DEMO_MODE = "true";
process.env.NODE_ENV ??= dev ? "development" : "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const app = express();
app.disable("x-powered-by");

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  const scriptSrc = dev ? `'self' 'unsafe-inline'` : `'nonce-${nonce}' 'strict-dynamic'`;
  res.set({
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src ${scriptSrc}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${dev ? " ws: wss:" : ""}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    ...SECURITY_HEADERS,
  });
  if (!dev && req.secure) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  // Pages seen by a signed-in person, or reached through an emailed token, are never stored by browsers or
  // proxies (security checklist D7). A route that sets its own Cache-Control replaces this.
  if (!req.path.startsWith("/assets/") && (/(^|;\s*)(__Host-)?tsunagu_session=/.test(req.get("cookie") ?? "") || "token" in req.query || req.path.startsWith("/invitations/")))
    res.set("Cache-Control", "private, no-store");
  next();
});

// Bad Host → 400, long URL → 414, control characters out of the URL (server/edge.mjs).
app.use(edgeGuard);

// CSRF: a state-changing request must come from this site. Browsers send Sec-Fetch-Site and Origin; a
// cross-site form post is refused before it reaches any action. (Session cookies are also SameSite=Lax.)
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  const expected = `${req.protocol}://${req.get("host")}`;
  const crossSite = (site && site !== "same-origin" && site !== "none") || (origin && origin !== "null" && origin !== expected) || origin === "null";
  if (crossSite) {
    res.status(403).type("text/plain; charset=utf-8").send("403 このリクエストは受け付けられません / Cross-site request refused");
    return;
  }
  next();
});

let viteDevServer;
let getBuild;
if (dev) {
  const vite = await import("vite");
  viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteDevServer.middlewares);
  getBuild = () => viteDevServer.ssrLoadModule("virtual:remix/server-build");
} else {
  app.use("/assets", hashedAssets("build/client/assets"));
  app.use(publicFiles("build/client"));
  app.use(compressResponses());
  const build = await import("./build/server/index.js");
  getBuild = () => build;
  // Anonymous visitors of the public pages share one rendering per version of the data (ADR 028).
  const { dataVersion, pageLanguage } = build.entry.module;
  app.use(pageCache({ getBuild, getLoadContext: loadContext, dataVersion, pageLanguage, mode: process.env.NODE_ENV }));
}

const runtime = async () => (await getBuild()).entry.module;

const started = Date.now();
try {
  await (await runtime()).startApp();
} catch (error) {
  // A refused start (a bad or missing setting, demo accounts in production) says what to change, without a stack trace.
  const refused = error?.name === "StartRefused" || error?.name === "InvalidEnvironment";
  console.error(refused ? `Not starting: ${error.message}` : error);
  await viteDevServer?.close();
  process.exit(1);
}
// Client addresses come from X-Forwarded-For only through the proxies TRUST_PROXY names (hops or addresses).
const trustProxy = (await runtime()).trustProxySetting();
app.set("trust proxy", trustProxy);
let warnedUntrustedProxy = false;

app.get("/healthz", async (_req, res) => {
  const { error, ...health } = await (await runtime()).healthcheck();
  // The reason goes to the log, not to whoever asks.
  if (error) console.error(`healthz: database unreachable: ${error}`);
  res.set("Cache-Control", "no-store");
  res.status(health.ok ? 200 : 503).json(health);
});

// A certificate's PDF has the address /certificates/<code>.pdf; the route that makes it is /certificates/<code>/pdf.
app.get(/^\/certificates\/[a-z2-7]{26}\.pdf$/, (req, _res, next) => {
  req.url = req.originalUrl = req.originalUrl.replace(/\.pdf(?=$|\?)/, "/pdf");
  next();
});

function loadContext(req, res) {
  if (!trustProxy && !warnedUntrustedProxy && req.get("x-forwarded-for")) {
    warnedUntrustedProxy = true;
    console.warn("Requests carry X-Forwarded-For but TRUST_PROXY is not set: every client behind that proxy shares one address for rate limits and the audit log. Set TRUST_PROXY (README, Configuration).");
  }
  return { nonce: res.locals.nonce, clientIp: req.ip ?? req.socket.remoteAddress ?? "", socketIp: req.socket.remoteAddress ?? "" };
}

app.all("*", createRequestHandler({ build: getBuild, mode: process.env.NODE_ENV, getLoadContext: loadContext }));

const server = app.listen(port, host, () => {
  console.log(`つなぐ八幡東 listening on http://localhost:${port} (${process.env.NODE_ENV}, ready in ${Date.now() - started} ms)`);
});
server.on("clientError", handleClientError);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close();
  server.closeAllConnections?.();
  try {
    await (await runtime()).shutdown();
    await viteDevServer?.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

// postgres.js 3.4 can write to a socket it has already released when a connection drops while statements are
// queued (TypeError in its connection.js, thrown from a timer): its queries are already rejected and it reconnects,
// so the server logs it and keeps serving (the calm 503 page, then recovery) rather than dying on a database blip.
// The same for a statement nobody waited for that failed because its connection was lost.
process.on("uncaughtException", (error) => {
  const lostConnection = ["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"].includes(error?.code);
  if (lostConnection || (error instanceof TypeError && /[\\/]postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? ""))) {
    console.error("database driver: a write on a closed connection was dropped:", error.message);
    return;
  }
  console.error(error);
  process.exit(1);
});
