// A shared cache of the public pages crowds load, for visitors who are not signed in: rendered once per address,
// language and version of the data, kept compressed, and sent with a Content-Security-Policy that allows exactly
// the page's own inline scripts by their hashes (no nonce is ever shared between responses).
// See docs/decisions/028-shared-cache-of-anonymous-pages.md.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/node";
import { chooseEncoding } from "./responses.mjs";

/** The public pages a crowd arrives at, their data for client navigation, and the search API (ADR 037). */
const SHARED_PATHS = /^\/(?:_root\.data|postings(?:\/\d{1,9})?(?:\.data)?|api\/postings\/search)?$/;
/** The only cookie a shared page may be asked with: the language chosen (it is part of the key). */
const LANGUAGE_COOKIE = "tsunagu_lang";
const SHAREABLE_TYPES = /^(text\/html|text\/x-script|application\/json)\b/;
/** Headers of the rendered response that are not kept: the server sets them per response. */
const PER_RESPONSE = new Set(["content-length", "content-encoding", "date", "connection", "keep-alive", "transfer-encoding", "content-security-policy"]);

const UNREACHABLE_PAUSE_MS = 5_000;

export const PAGE_CACHE_DEFAULTS = { maxBytes: 24 * 1024 * 1024, maxEntryBytes: 512 * 1024, maxAgeMs: 10_000 };

/** The cookies of a request header, or null when one of them is not the language cookie. */
function onlyLanguageCookie(header) {
  if (!header) return "";
  let kept = "";
  for (const part of header.split(";")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0 || trimmed.slice(0, eq) !== LANGUAGE_COOKIE) return null;
    kept = trimmed;
  }
  return kept;
}

/** Whether a request may be answered from the shared cache: an anonymous GET of a shared page. */
export function sharedRequest(req) {
  if (req.method !== "GET") return null;
  if (req.headers.authorization) return null;
  const cookie = onlyLanguageCookie(req.headers.cookie);
  if (cookie === null) return null;
  const queryAt = req.originalUrl.indexOf("?");
  const path = queryAt < 0 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
  if (!SHARED_PATHS.test(path)) return null;
  // The server marks pages reached through an emailed token as private (server.mjs); they never get here.
  if (/no-store|private/.test(String(req.res?.getHeader("Cache-Control") ?? ""))) return null;
  return { cookie };
}

/**
 * The inline scripts of a rendered page and their CSP hashes, or null when the page holds a script the hashes
 * could not vouch for exactly (one loaded from an address, or text the browser would read differently).
 */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, text] = m;
    if (/\bsrc\s*=/i.test(attributes)) return null;
    // The HTML parser turns CR and CR LF into LF before the browser hashes a script's text.
    if (text.includes("\r") || text.includes("\0")) return null;
    hashes.add(`'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * A rendered page made shareable: the nonce it was rendered with removed (it must not travel to other
 * visitors), and its inline scripts' hashes for the policy sent with it. Null when that cannot be done safely.
 */
export function shareablePage(html, nonce) {
  const body = nonce ? html.replaceAll(` nonce="${nonce}"`, "") : html;
  if (nonce && body.includes(nonce)) return null;
  const hashes = inlineScriptHashes(body);
  if (!hashes) return null;
  return { body, scriptSrc: `script-src ${hashes.join(" ")} 'strict-dynamic'` };
}

/** The address Remix sees for a request, as @remix-run/express makes it (its own helper is not exported). */
function requestUrl(req) {
  const portOf = (value) => Number.parseInt(value?.split(":")[1], 10);
  const forwardedPort = portOf(req.get("x-forwarded-host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

/** The policy the server set for this response with its script-src replaced by the page's hashes. */
function withScriptSource(policy, scriptSrc) {
  return String(policy ?? "").replace(/script-src [^;]*/, scriptSrc);
}

/**
 * Express middleware in front of the Remix handler. `app` gives the build, the load context of a request, the
 * data version and the page language. Everything not shareable goes on to the next handler untouched.
 */
export function pageCache({ getBuild, getLoadContext, dataVersion, pageLanguage, mode, options = {} }) {
  const { maxBytes, maxEntryBytes, maxAgeMs } = { ...PAGE_CACHE_DEFAULTS, ...options };
  /** key → entry, in order of last use (a Map keeps insertion order: a hit moves its entry to the end). */
  const entries = new Map();
  /** key → the render under way for it, awaited by requests for the same page meanwhile. */
  const rendering = new Map();
  let bytes = 0;
  let handleRequest;
  let unreachableUntil = 0;

  const sizeOf = (entry) => entry.raw.length + (entry.br?.length ?? 0) + (entry.gzip?.length ?? 0);
  const forget = (key) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= sizeOf(entry);
  };
  const keep = (key, entry) => {
    forget(key);
    entries.set(key, entry);
    bytes += sizeOf(entry);
    for (const [oldest] of entries) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  };
  const encoded = (key, entry, encoding) => {
    if (!encoding || entry[encoding]) return entry[encoding] ?? entry.raw;
    const before = sizeOf(entry);
    entry[encoding] =
      encoding === "br"
        ? zlib.brotliCompressSync(entry.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length } })
        : zlib.gzipSync(entry.raw, { level: 6 });
    if (entries.get(key) === entry) bytes += sizeOf(entry) - before;
    return entry[encoding];
  };

  /**
   * Renders a page as a visitor without cookies (but the language) would get it, with this request's nonce
   * (removed from the page before it is kept). Gives the entry to keep, or the response when it is not shareable.
   */
  async function render(req, res, shared, version) {
    handleRequest ??= createRequestHandler(await getBuild(), mode);
    // Nothing of the asker's but the address and the language cookie reaches the page (the key holds both).
    const headers = new Headers();
    if (shared.cookie) headers.set("cookie", shared.cookie);
    // Rendered whole (as for a crawler): nobody waits for its first bytes, and its HTML does not depend on timing.
    const context = { ...(await getLoadContext(req, res)), wholePage: true };
    const nonce = context.nonce;
    const response = await handleRequest(new Request(shared.url, { method: "GET", headers }), context);
    const raw = Buffer.from(await response.arrayBuffer());
    const alone = () => ({ response, raw });
    const type = response.headers.get("content-type") ?? "";
    const cacheControl = response.headers.get("cache-control") ?? "";
    if (response.status !== 200 || response.headers.has("set-cookie") || /no-store|private/.test(cacheControl) || !SHAREABLE_TYPES.test(type) || raw.length > maxEntryBytes)
      return alone();
    let scriptSrc = null;
    let body = raw;
    if (type.startsWith("text/html")) {
      const page = shareablePage(raw.toString("utf8"), nonce);
      if (!page) return alone();
      scriptSrc = page.scriptSrc;
      body = Buffer.from(page.body, "utf8");
    }
    const kept = [];
    for (const [name, value] of response.headers) if (!PER_RESPONSE.has(name)) kept.push([name, value]);
    return { entry: { version, raw: body, headers: kept, scriptSrc, expires: Date.now() + maxAgeMs } };
  }

  function send(req, res, key, entry, how) {
    const encoding = chooseEncoding(req.headers["accept-encoding"]);
    const body = encoded(key, entry, encoding);
    for (const [name, value] of entry.headers) res.append(name, value);
    if (entry.scriptSrc) res.setHeader("Content-Security-Policy", withScriptSource(res.getHeader("Content-Security-Policy"), entry.scriptSrc));
    res.setHeader("Vary", "Accept-Encoding");
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    res.setHeader("X-Page-Cache", how);
    res.statusCode = 200;
    res.end(body);
  }

  /** A response that is not shared, as the Remix adapter would have sent it. */
  function sendAlone(res, { response, raw }) {
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [name, value] of response.headers) res.append(name, value);
    res.end(raw);
  }

  return async function sharedPages(req, res, next) {
    const shared = sharedRequest(req);
    if (!shared || Date.now() < unreachableUntil) return next();
    try {
      shared.url = requestUrl(req);
      const key = `${shared.url}\n${pageLanguage(shared.url, shared.cookie)}`;
      let version;
      try {
        version = await dataVersion();
      } catch {
        // The database is unreachable or too slow: pages are rendered alone (its calm 503 page) and the cache asks
        // no more for a while, so that it adds no attempts to the driver's reconnecting.
        unreachableUntil = Date.now() + UNREACHABLE_PAUSE_MS;
        return next();
      }
      const entry = entries.get(key);
      if (entry && entry.version === version && entry.expires > Date.now()) {
        entries.delete(key);
        entries.set(key, entry);
        return send(req, res, key, entry, "hit");
      }
      const renderKey = `${key}\n${version}`;
      let pending = rendering.get(renderKey);
      const first = !pending;
      if (!pending) {
        pending = render(req, res, shared, version).finally(() => rendering.delete(renderKey));
        rendering.set(renderKey, pending);
      }
      const made = await pending;
      // Not shareable (an error page, a cookie set, ...): its first asker gets it as rendered, the others their own.
      if (!made.entry) return first ? sendAlone(res, made) : next();
      if (first) keep(key, made.entry);
      send(req, res, key, made.entry, first ? "miss" : "shared");
    } catch (error) {
      // The page is then rendered for this request alone, as without the cache (a database that cannot be
      // reached gives its calm 503 page there).
      if (!res.headersSent) return next();
      console.error(error);
    }
  };
}
