import net from "node:net";

/**
 * Which proxies in front of the site are trusted to say who the client is (X-Forwarded-For, X-Forwarded-Proto).
 *
 * - `none`: the client is the socket's address; forwarded headers are ignored.
 * - `hops`: this many proxies always stand in front of the site; the client is the address the outermost one
 *   saw (the n-th entry from the right, counting the socket as the first). Only safe where nothing can reach the
 *   site except through those proxies.
 * - `addresses`: the proxies' own addresses or CIDR ranges; the client is the right-most address in the chain
 *   that is not one of them, so a client that connects directly, or forges entries to the left, cannot choose
 *   its address.
 *
 * The value goes to Express's `trust proxy` setting, which does the walking (proxy-addr).
 */
export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; addresses: string[] };

/** Names Express understands for the usual private ranges. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY: unset/`false`, a number of hops (1–10), or a comma-separated list of proxy addresses and
 * CIDR ranges (and Express's names `loopback`, `linklocal`, `uniquelocal`). Throws a message naming the mistake.
 */
export function parseTrustProxy(raw: string | undefined): ProxyTrust {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return { kind: "none" };
  if (value === "true")
    throw new Error(
      "`true` would trust whatever connects to say who the client is; give the number of proxy hops in front of the site (e.g. 1) or the proxies' addresses (e.g. 10.0.0.5,10.0.1.0/24)",
    );
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error("at most 10 proxy hops");
    return { kind: "hops", hops };
  }
  const addresses = value.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = addresses.filter((a) => !isAddressOrRange(a));
  if (bad.length > 0 || addresses.length === 0)
    throw new Error(`not a number of hops, an IP address or a CIDR range: ${bad.join(", ") || value}`);
  return { kind: "addresses", addresses };
}

/** The value for Express's `app.set("trust proxy", …)`. */
export function expressTrustProxy(trust: ProxyTrust): false | number | string[] {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return trust.hops;
  return trust.addresses;
}
