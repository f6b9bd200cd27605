import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { isFromThisMachine, isLoopbackAddress } from "./local-request.server";

const context = (socketIp: string): AppLoadContext => ({ nonce: "", clientIp: socketIp, socketIp });
const request = (headers: Record<string, string>) => new Request("http://localhost:3000/dev/mailbox", { headers });

describe("requests from this machine", () => {
  it("knows loopback addresses by parsing them, not by their first characters", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["127.evil.example", "127.0.0.1.evil.example", "1270.0.0.1", "10.0.0.1", "::2", "::ffff:10.0.0.1", "", "localhost"])
      expect(isLoopbackAddress(a), a).toBe(false);
  });

  it("accepts a loopback socket that asked for a loopback name", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3223", "[::1]:3000", "LOCALHOST"]) {
      expect(isFromThisMachine(request({ host }), context("127.0.0.1")), host).toBe(true);
    }
    expect(isFromThisMachine(request({ host: "localhost:3000" }), context("::ffff:127.0.0.1"))).toBe(true);
  });

  it("refuses what a proxy on this machine relays, with or without forwarding headers", () => {
    const local = context("127.0.0.1");
    for (const header of ["x-forwarded-for", "forwarded", "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "via"]) {
      expect(isFromThisMachine(request({ host: "localhost:3000", [header]: "127.0.0.1" }), local), header).toBe(false);
    }
    expect(isFromThisMachine(request({ host: "tsunagu.example.jp" }), local)).toBe(false);
    expect(isFromThisMachine(request({ host: "127.evil.example" }), local)).toBe(false);
    expect(isFromThisMachine(request({}), local)).toBe(false);
  });

  it("refuses another machine, whatever it claims", () => {
    expect(isFromThisMachine(request({ host: "localhost:3000" }), context("192.0.2.7"))).toBe(false);
    expect(isFromThisMachine(request({ host: "localhost:3000" }), { nonce: "", clientIp: "127.0.0.1", socketIp: "192.0.2.7" })).toBe(false);
    expect(isFromThisMachine(request({ host: "localhost:3000" }), undefined)).toBe(false);
  });
});
