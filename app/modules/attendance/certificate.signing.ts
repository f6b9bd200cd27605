import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from "node:crypto";

/**
 * Signing and checking certificate data with Ed25519 (node:crypto): pure functions of their inputs. The data is
 * signed as canonical JSON (keys sorted at every level, no spaces: RFC 8785 for the strings and integers it
 * holds), so anyone can re-create the signed bytes from the JSON alone. See docs/decisions/023-verifiable-certificates.md.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("not a finite number");
  return JSON.stringify(value);
}

export interface SigningKeyPair {
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function generateSigningKey(): { keyId: string; publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { keyId: keyIdOf(publicKey), publicKeyPem, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

export function loadKeyPair(privateKeyPem: string): SigningKeyPair {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its raw bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(rawPublicKey(publicKey)).digest("hex").slice(0, 16);
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: "jwk" });
  return Buffer.from(jwk.x!, "base64url");
}

export function publicKeyJwk(publicKey: KeyObject, keyId: string) {
  const jwk = publicKey.export({ format: "jwk" });
  return { kty: "OKP", crv: "Ed25519", x: jwk.x!, kid: keyId, use: "sig", alg: "EdDSA" };
}

export function signText(text: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64url");
}

export function verifyText(text: string, signature: string, publicKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  return verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64url"));
}

/** An unguessable certificate code: 130 random bits in lowercase base32 (no 0/1/8/9 to misread), 26 letters. */
export function newCertificateCode(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(26);
  return Array.from(bytes, (b) => alphabet[b & 31]).join("");
}

export function isCertificateCode(value: string): boolean {
  return /^[a-z2-7]{26}$/.test(value);
}

// --- W3C Data Integrity, cryptosuite eddsa-jcs-2022 (for the Open Badges 3.0 credential) ---

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function base58btc(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

export function fromBase58btc(text: string): Buffer {
  let n = 0n;
  for (const c of text) {
    const i = BASE58.indexOf(c);
    if (i < 0) throw new Error("not base58");
    n = n * 58n + BigInt(i);
  }
  const hex = n === 0n ? "" : n.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  const zeros = text.match(/^1*/)![0].length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

/** did:key for an Ed25519 public key (multicodec 0xed01), so a verifier needs nothing but the credential. */
export function didKeyOf(publicKey: KeyObject): string {
  return `did:key:z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), rawPublicKey(publicKey)]))}`;
}

export function publicKeyFromDidKey(did: string): KeyObject | null {
  const m = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m) return null;
  const bytes = fromBase58btc(m[1]);
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: bytes.subarray(2).toString("base64url") }, format: "jwk" });
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

type JsonObject = { [key: string]: Json };

/** Adds a DataIntegrityProof (eddsa-jcs-2022) to a credential. */
export function addDataIntegrityProof(credential: JsonObject, key: SigningKeyPair, created: string): JsonObject {
  const did = didKeyOf(key.publicKey);
  const proofConfig: JsonObject = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    created,
    verificationMethod: `${did}#${did.slice("did:key:".length)}`,
    proofPurpose: "assertionMethod",
    "@context": credential["@context"] as Json,
  };
  const hash = Buffer.concat([sha256(canonicalJson(proofConfig)), sha256(canonicalJson(credential))]);
  const proofValue = `z${base58btc(sign(null, hash, key.privateKey))}`;
  const { "@context": _context, ...proof } = proofConfig;
  return { ...credential, proof: { ...proof, proofValue } };
}

/** Checks a credential's eddsa-jcs-2022 proof against the did:key it names. */
export function verifyDataIntegrityProof(signed: JsonObject): boolean {
  const { proof, ...credential } = signed;
  if (!proof || typeof proof !== "object" || Array.isArray(proof)) return false;
  const { proofValue, ...rest } = proof as JsonObject;
  if (typeof proofValue !== "string" || !proofValue.startsWith("z") || rest.cryptosuite !== "eddsa-jcs-2022") return false;
  const method = String(rest.verificationMethod ?? "");
  const publicKey = publicKeyFromDidKey(method.split("#")[0]);
  if (!publicKey) return false;
  const proofConfig = { ...rest, "@context": credential["@context"] as Json };
  const hash = Buffer.concat([sha256(canonicalJson(proofConfig)), sha256(canonicalJson(credential))]);
  try {
    return verify(null, hash, publicKey, fromBase58btc(proofValue.slice(1)));
  } catch {
    return false;
  }
}
