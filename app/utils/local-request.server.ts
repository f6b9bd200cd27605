import net from "node:net";
import type { AppLoadContext } from "@remix-run/node";

const loopback = new net.BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");
loopback.addSubnet("::ffff:127.0.0.0", 104, "ipv6");

/** A loopback address, parsed as an address (never by prefix: `127.evil.example` is a name, not an address). */
export function isLoopbackAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return loopback.check(address, "ipv4");
  if (family === 6) return loopback.check(address, "ipv6");
  return false;
}

/** Headers a proxy adds: their presence means the request came through one, whatever the socket says. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "via"];

/** Names this machine is reached by from itself. */
function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return name === "localhost" || isLoopbackAddress(name);
}

/**
 * True only for a request made on this machine to this machine: the socket is loopback, the request was
 * addressed to a loopback name, and no proxy touched it. A reverse proxy on the same machine connects from
 * loopback too, but it forwards the public Host or adds forwarding headers, so what it relays is refused.
 */
export function isFromThisMachine(request: Request, context: AppLoadContext | undefined): boolean {
  if (!context || !isLoopbackAddress(context.socketIp)) return false;
  if (PROXY_HEADERS.some((name) => request.headers.has(name))) return false;
  return isLoopbackHost(request.headers.get("host"));
}
