// How the server sends bytes: dynamic responses (HTML, JSON, text) compressed as the browser negotiates, the
// build's hashed assets compressed once and kept in memory with a year's immutable caching, and the few other
// public files looked up in a list read at start instead of on disk at every request.
// See docs/decisions/017-serving-pages-under-load.md.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";

/**
 * gzip or brotli for dynamic responses. Not for responses marked `no-store` (signed-in pages and pages reached
 * through an emailed token): they may carry secrets next to text a third party can influence, where compressed
 * lengths could leak them (BREACH); public pages, which are what crowds load, are compressed.
 */
export function compressResponses() {
  return compression({
    filter(req, res) {
      if (/no-store/.test(String(res.getHeader("Cache-Control") ?? ""))) return false;
      return compression.filter(req, res);
    },
  });
}

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map|webmanifest|xml|html)$/;
const TYPES = { ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json; charset=utf-8", ".map": "application/json; charset=utf-8" };

/** The preferred encoding the request accepts among br and gzip, or null (q=0 means refused). */
export function chooseEncoding(acceptEncoding) {
  const accepted = new Map();
  for (const part of String(acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const quality = (name) => accepted.get(name) ?? (accepted.has("*") ? accepted.get("*") : 0);
  if (quality("br") > 0) return "br";
  if (quality("gzip") > 0) return "gzip";
  return null;
}

/**
 * The build's hashed files under /assets: their names change with their content, so browsers may keep them a
 * year without asking again. Text files are compressed once, at the highest settings, on first request and kept
 * in memory (the whole client build is a few hundred kilobytes).
 */
export function hashedAssets(dir) {
  const cache = new Map();
  const serveStatic = express.static(dir, { immutable: true, maxAge: "1y", index: false });
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = path.posix.normalize(req.path).replace(/^\/+/, "");
    if (!COMPRESSIBLE.test(name) || name.includes("..") || name.includes("\0")) return serveStatic(req, res, next);
    const encoding = chooseEncoding(req.get("accept-encoding"));
    let entry = cache.get(name);
    if (entry === undefined) {
      const file = path.join(dir, name);
      try {
        if (!statSync(file).isFile()) return next();
      } catch {
        return next();
      }
      const raw = readFileSync(file);
      entry = {
        raw,
        br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzip: zlib.gzipSync(raw, { level: 9 }),
        type: TYPES[path.extname(name)] ?? "application/octet-stream",
      };
      cache.set(name, entry);
    }
    const body = encoding ? entry[encoding] : entry.raw;
    res.set({ "Content-Type": entry.type, "Cache-Control": "public, max-age=31536000, immutable", Vary: "Accept-Encoding", "Content-Length": String(body.length) });
    if (encoding) res.set("Content-Encoding", encoding);
    res.status(200);
    if (req.method === "HEAD") return res.end();
    res.end(body);
  };
}

/**
 * The other public files (favicon and the like), cached for an hour. Their names are read once at start, so a
 * page request is not first looked up on disk.
 */
export function publicFiles(dir) {
  const names = new Set(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${e.name}`),
  );
  const serveStatic = express.static(dir, { maxAge: "1h", index: false });
  return (req, res, next) => (names.has(req.path) ? serveStatic(req, res, next) : next());
}
