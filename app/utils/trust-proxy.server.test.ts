import { describe, expect, it } from "vitest";
import { expressTrustProxy, parseTrustProxy } from "./trust-proxy.server";

describe("TRUST_PROXY", () => {
  it("trusts nobody when unset or false: the client is the socket", () => {
    for (const value of [undefined, "", "false", "0"]) expect(parseTrustProxy(value)).toEqual({ kind: "none" });
    expect(expressTrustProxy(parseTrustProxy(undefined))).toBe(false);
  });

  it("takes a number of hops", () => {
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    expect(expressTrustProxy(parseTrustProxy("1"))).toBe(1);
    expect(() => parseTrustProxy("11")).toThrow(/at most 10/);
  });

  it("takes the proxies' addresses and CIDR ranges", () => {
    expect(parseTrustProxy("10.0.0.5, 10.0.1.0/24,fd00::/8 ,loopback")).toEqual({
      kind: "addresses",
      addresses: ["10.0.0.5", "10.0.1.0/24", "fd00::/8", "loopback"],
    });
  });

  it("refuses `true`, which would let whoever connects choose their address", () => {
    expect(() => parseTrustProxy("true")).toThrow(/number of proxy hops/);
  });

  it("refuses what is not an address, a range or a number", () => {
    for (const value of ["127.evil.example", "10.0.0.0/33", "::1/129", "10.0.0.1/8/2", "yes", "1.2.3"]) {
      expect(() => parseTrustProxy(value), value).toThrow(/not a number of hops/);
    }
  });
});
