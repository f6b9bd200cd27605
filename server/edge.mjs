// The HTTP edge (ADR 020): what is refused or tidied before a request reaches the Remix handler, and Node's
// own answers to requests it cannot parse. server.mjs mounts these; the logic lives here.

/** Headers every answer carries, whatever produced it (the CSP with its nonce is added per request). */
export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The longest URL (path and query) served: 8 KiB, as common proxies allow; a search never needs more. */
export const MAX_URL_LENGTH = 8 * 1024;

// A DNS name (letters, digits, hyphens, dots) or a bracketed IPv6 address, and an optional port 0–65535.
const HOST = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?)(?::(\d{1,5}))?$/;

export function isValidHost(value) {
  if (typeof value !== "string" || value.length > 260) return false;
  const m = HOST.exec(value);
  return Boolean(m) && (m[1] === undefined || Number(m[1]) <= 65535);
}

// Percent-encoded control characters (C0 except tab, LF, CR; DEL; C1 as UTF-8), and raw ones. They never
// belong in a URL and NUL would make PostgreSQL refuse a query (the same set the form reader removes).
const ENCODED_CONTROLS = /%(?:0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff]|[Cc]2%[89][0-9A-Fa-f])/g;
const ENCODED_LINE_BREAKS = /%(?:09|0[AaDd])/g;
const RAW_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/** The URL without control characters; tab and line breaks are kept in the query (a text typed in a form). */
export function stripUrlControls(url) {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q);
  return path.replace(ENCODED_CONTROLS, "").replace(ENCODED_LINE_BREAKS, "").replace(RAW_CONTROLS, "") + query.replace(ENCODED_CONTROLS, "").replace(RAW_CONTROLS, "");
}

function page(status, ja, en) {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${status} つなぐ八幡東</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.7"><h1>${ja.title}</h1><p>${ja.body}</p><h2 lang="en">${en.title}</h2><p lang="en">${en.body}</p><p><a href="/">トップページへ / Home</a></p></body></html>`;
}

export const PAGES = {
  400: page(400, { title: "リクエストを読み取れませんでした", body: "アドレスや送信内容をご確認のうえ、もう一度お試しください。" }, { title: "Bad request", body: "The request could not be read. Please check the address and try again." }),
  414: page(414, { title: "アドレスが長すぎます", body: "検索条件を減らすか、トップページからもう一度お進みください。" }, { title: "The address is too long", body: "Please use fewer search terms, or start again from the home page." }),
  431: page(431, { title: "リクエストのヘッダーが大きすぎます", body: "ブラウザのこのサイトのCookieを削除して、もう一度お試しください。" }, { title: "Request headers too large", body: "Please clear this site's cookies in your browser and try again." }),
};

function refuse(res, status) {
  res.status(status).set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).send(PAGES[status]);
}

/**
 * Express middleware, mounted after the security headers: a Host (or X-Forwarded-Host) that is not a host
 * name → 400 (the request adapter would fail on it with a 500); a URL over MAX_URL_LENGTH → 414; control
 * characters stripped from the URL before any loader reads a parameter; and a route's own Cache-Control
 * replaces the site's default instead of being appended to it ("no-store, no-store").
 */
export function edgeGuard(req, res, next) {
  const forwarded = req.get("x-forwarded-host");
  const host = req.get("host");
  if ((host !== undefined && !isValidHost(host)) || (forwarded !== undefined && !forwarded.split(",").every((h) => isValidHost(h.trim())))) return refuse(res, 400);
  if (req.originalUrl.length > MAX_URL_LENGTH) return refuse(res, 414);
  const clean = stripUrlControls(req.originalUrl);
  if (clean !== req.originalUrl) {
    req.url = stripUrlControls(req.url);
    req.originalUrl = clean;
  }
  const append = res.append;
  res.append = function appendOrReplace(field, value) {
    if (String(field).toLowerCase() === "cache-control") return res.set(field, value);
    return append.call(this, field, value);
  };
  next();
}

/**
 * Node's own answers to what it cannot parse (a malformed request line, headers over the limit, a timeout)
 * carry the same security headers as every other answer, and a short bilingual page.
 */
export function handleClientError(error, socket) {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const reason = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" }[status];
  const body = PAGES[status] ?? PAGES[400];
  const headers = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ...SECURITY_HEADERS,
    Connection: "close",
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n");
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n\r\n${body}`);
}
