import { describe, expect, it } from "vitest";
import { certificateState, certificateText, openBadgeCredential, type CertificateData } from "./certificate.rules";
import { addDataIntegrityProof, base58btc, fromBase58btc, generateSigningKey, isCertificateCode, loadKeyPair, newCertificateCode, signText, type Json } from "./certificate.signing";

const key = loadKeyPair(generateSigningKey().privateKeyPem);
const other = loadKeyPair(generateSigningKey().privateKeyPem);
const code = newCertificateCode();
const data: CertificateData = {
  kind: "tsunagu-volunteer-certificate",
  version: 1,
  code,
  issuer: { name: "つなぐ八幡東", url: "https://tsunagu.example" },
  holder: { name: "八幡 花子", school: "八幡高等学校" },
  period: { from: "2026-04-01", to: "2027-03-31", schoolYear: 2026 },
  activities: [
    { date: "2026-06-14", group: "桃園公園愛護会", what: "花壇の手入れ", minutes: 120 },
    { date: "2026-12-31", group: "中央町内会", what: "年越しの見守り", minutes: 210 },
  ],
  totalMinutes: 330,
  issuedAt: "2027-01-10T03:00:00.000Z",
  locale: "ja",
  keyId: key.keyId,
};
const text = certificateText(data);
const signature = signText(text, key.privateKey);
const state = (over: Partial<Parameters<typeof certificateState>[0]> = {}) => certificateState({ code, text, signature, publicKey: key.publicKey, revoked: false, ...over });

describe("certificate signatures", () => {
  it("a certificate as issued is valid, and revoked once revoked", () => {
    expect(state()).toBe("valid");
    expect(state({ revoked: true })).toBe("revoked");
  });

  it("changing any field makes it invalid", () => {
    const changes: ((d: CertificateData) => void)[] = [
      (d) => (d.holder.name = "八幡 太郎"),
      (d) => (d.holder.school = null),
      (d) => (d.activities[0].minutes = 180),
      (d) => (d.totalMinutes = 390),
      (d) => (d.period.to = "2027-04-30"),
      (d) => (d.issuedAt = "2027-01-11T03:00:00.000Z"),
      (d) => d.activities.pop(),
      (d) => (d.activities[1].group = "別の団体"),
    ];
    for (const change of changes) {
      const copy = structuredClone(data);
      change(copy);
      expect(state({ text: certificateText(copy) })).toBe("invalid");
    }
  });

  it("changing any single byte of the signed text or of the signature makes it invalid", () => {
    const bytes = Buffer.from(text, "utf8");
    for (let i = 0; i < bytes.length; i += 7) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x01;
      expect(state({ text: changed.toString("utf8") }), `byte ${i}`).toBe("invalid");
    }
    const sig = Buffer.from(signature, "base64url");
    sig[10] ^= 0x80;
    expect(state({ signature: sig.toString("base64url") })).toBe("invalid");
    expect(state({ signature: "" })).toBe("invalid");
  });

  it("a changed code, another key, or a revoked forgery shows invalid", () => {
    expect(state({ code: newCertificateCode() })).toBe("invalid");
    expect(state({ publicKey: other.publicKey })).toBe("invalid");
    expect(state({ publicKey: null })).toBe("invalid");
    const forged = certificateText({ ...data, totalMinutes: 9999 });
    expect(state({ text: forged, signature: signText(forged, other.privateKey), revoked: true })).toBe("invalid");
  });

  it("a total that does not add up is invalid even when signed", () => {
    const wrong = certificateText({ ...data, totalMinutes: 331 });
    expect(state({ text: wrong, signature: signText(wrong, key.privateKey) })).toBe("invalid");
  });

  it("codes are 130 random bits and look like codes", () => {
    const codes = new Set(Array.from({ length: 1000 }, newCertificateCode));
    expect(codes.size).toBe(1000);
    for (const c of codes) expect(isCertificateCode(c)).toBe(true);
    expect(isCertificateCode("../etc/passwd")).toBe(false);
  });
});

describe("the Open Badges 3.0 credential", () => {
  it("carries an eddsa-jcs-2022 proof that a change to any field breaks", async () => {
    const { verifyDataIntegrityProof } = await import("./certificate.signing");
    const credential = openBadgeCredential(data, "https://tsunagu.example", null) as unknown as { [k: string]: Json };
    const signed = addDataIntegrityProof(credential, key, "2027-01-10T03:00:00Z");
    expect(signed.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(verifyDataIntegrityProof(signed)).toBe(true);
    const changed = structuredClone(signed) as any;
    changed.credentialSubject.name = "別人";
    expect(verifyDataIntegrityProof(changed)).toBe(false);
    const otherKey = structuredClone(signed) as any;
    otherKey.proof.verificationMethod = addDataIntegrityProof(credential, other, "2027-01-10T03:00:00Z").proof && (addDataIntegrityProof(credential, other, "2027-01-10T03:00:00Z") as any).proof.verificationMethod;
    expect(verifyDataIntegrityProof(otherKey)).toBe(false);
  });

  it("base58btc round-trips, leading zeros included", () => {
    for (const bytes of [Buffer.from([0, 0, 1, 2, 255]), Buffer.from("hello"), Buffer.alloc(0)]) expect(fromBase58btc(base58btc(bytes))).toEqual(bytes);
  });
});
