// The HTTP server: security headers, CSRF origin check, static files, /healthz, the Remix handler, and a
// graceful shutdown that stops the worker and closes the database.
import crypto from "node:crypto";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

const app = express();
app.disable("x-powered-by");
// Client addresses come from X-Forwarded-For only behind a proxy we were told to trust (one hop).
app.set("trust proxy", trustProxy ? 1 : false);

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
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  if (!dev && req.secure) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  // Pages seen by a signed-in person, or reached through an emailed token, are never stored by browsers or
  // proxies (SECURITY D7). A route that sets its own Cache-Control replaces this.
  if (!req.path.startsWith("/assets/") && (/(^|;\s*)(__Host-)?tsunagu_session=/.test(req.get("cookie") ?? "") || "token" in req.query || req.path.startsWith("/invitations/")))
    res.set("Cache-Control", "private, no-store");
  next();
});

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
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h", index: false }));
  const build = await import("./build/server/index.js");
  getBuild = () => build;
}

const runtime = async () => (await getBuild()).entry.module;

const started = Date.now();
await (await runtime()).startApp();

app.get("/healthz", async (_req, res) => {
  const health = await (await runtime()).healthcheck();
  res.set("Cache-Control", "no-store");
  res.status(health.ok ? 200 : 503).json(health);
});

// A certificate's PDF has the address /certificates/<code>.pdf; the route that makes it is /certificates/<code>/pdf.
app.get(/^\/certificates\/[a-z2-7]{26}\.pdf$/, (req, _res, next) => {
  req.url = req.originalUrl = req.originalUrl.replace(/\.pdf(?=$|\?)/, "/pdf");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build: getBuild,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      nonce: res.locals.nonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "",
    }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(`つなぐ八幡東 listening on http://localhost:${port} (${process.env.NODE_ENV}, ready in ${Date.now() - started} ms)`);
});

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
