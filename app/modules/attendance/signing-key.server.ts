import { createPublicKey, type KeyObject } from "node:crypto";
import type { Executor } from "#db/client.server";
import { generateSigningKey, keyIdOf, loadKeyPair, publicKeyJwk, type SigningKeyPair } from "./certificate.signing";

// One key per database handle (tests open several databases in one process).
const cache = new WeakMap<object, SigningKeyPair>();

/**
 * The key that signs new certificates. In production it comes from the environment (CERTIFICATE_SIGNING_KEY);
 * on the zero-setup default one is made on first use and kept in the database, so every app process signs with
 * the same key. Either way its public half is listed in signing_keys, which the well-known URL publishes; old
 * keys stay listed so certificates signed with them stay verifiable.
 */
export async function signingKey(db: Executor, configuredPem?: string): Promise<SigningKeyPair> {
  const known = cache.get(db);
  if (known) return known;
  const pair = await loadOrMake(db, configuredPem);
  cache.set(db, pair);
  return pair;
}

async function loadOrMake(db: Executor, configuredPem?: string): Promise<SigningKeyPair> {
  if (configuredPem) {
    const pair = loadKeyPair(configuredPem.replace(/\\n/g, "\n"));
    await db
      .insertInto("signing_keys")
      .values({ key_id: pair.keyId, public_key: pair.publicKey.export({ type: "spki", format: "pem" }).toString(), private_key: "" })
      .onConflict((oc) => oc.column("key_id").doNothing())
      .execute();
    return pair;
  }
  const stored = await db.selectFrom("signing_keys").select(["private_key"]).where("private_key", "!=", "").orderBy("created_at").executeTakeFirst();
  if (stored) return loadKeyPair(stored.private_key);
  const made = generateSigningKey();
  await db.insertInto("signing_keys").values({ key_id: made.keyId, public_key: made.publicKeyPem, private_key: made.privateKeyPem }).execute();
  // Two processes starting at once may both have made one: the first stored wins for everyone.
  const first = await db.selectFrom("signing_keys").select(["private_key"]).where("private_key", "!=", "").orderBy("created_at").orderBy("key_id").executeTakeFirstOrThrow();
  return loadKeyPair(first.private_key);
}

export async function publicKeyById(db: Executor, keyId: string): Promise<KeyObject | null> {
  const row = await db.selectFrom("signing_keys").select("public_key").where("key_id", "=", keyId).executeTakeFirst();
  if (!row) return null;
  const key = createPublicKey(row.public_key);
  return keyIdOf(key) === keyId ? key : null;
}

/** Every public key, as a JSON Web Key Set (the well-known URL). */
export async function publicKeySet(db: Executor) {
  const rows = await db.selectFrom("signing_keys").select(["key_id", "public_key"]).orderBy("created_at").execute();
  return { keys: rows.map((r) => publicKeyJwk(createPublicKey(r.public_key), r.key_id)) };
}
