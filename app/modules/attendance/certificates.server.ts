import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { tokyoDateString } from "~/utils/format";
import { schoolYearRange } from "./attendance.rules";
import type { CertificateState } from "./attendance.vocabulary";
import { certificateState, certificateText, openBadgeCredential, parseCertificateText, type CertificateData } from "./certificate.rules";
import { addDataIntegrityProof, isCertificateCode, newCertificateCode, signText, type Json, type SigningKeyPair } from "./certificate.signing";
import { confirmedHours } from "./hours.server";
import { publicKeyById, signingKey } from "./signing-key.server";

export const ISSUER_NAME = { ja: "つなぐ八幡東", en: "Tsunagu Yahatahigashi" } as const;

export type Period = { kind: "year"; schoolYear: number } | { kind: "dates"; from: string; to: string };

/** The instants a period covers, and how it is written on the certificate. */
export function periodRange(period: Period): { from: Date; to: Date; label: CertificateData["period"] } {
  if (period.kind === "year") {
    const { from, to } = schoolYearRange(period.schoolYear);
    return { from, to, label: { from: `${period.schoolYear}-04-01`, to: `${period.schoolYear + 1}-03-31`, schoolYear: period.schoolYear } };
  }
  const from = new Date(`${period.from}T00:00:00+09:00`);
  const to = new Date(new Date(`${period.to}T00:00:00+09:00`).getTime() + 24 * 3600_000);
  return { from, to, label: { from: period.from, to: period.to, schoolYear: null } };
}

export type IssueResult = { status: "ok"; code: string } | { status: "empty" };

export interface IssueInput {
  userId: number;
  period: Period;
  includeSchool: boolean;
  locale: "ja" | "en";
  origin: string;
  signingKeyPem?: string;
  ip?: string;
}

/**
 * Issues a certificate of the confirmed hours in a period: the data (no birth date, address or contact
 * details) is signed with the site's Ed25519 key and stored exactly as signed.
 */
export async function issueCertificate(db: DB, input: IssueInput, now = new Date()): Promise<IssueResult> {
  const key = await signingKey(db, input.signingKeyPem);
  return db.transaction().execute(async (trx) => {
    const result = await storeCertificate(trx, input, key, newCertificateCode(), now);
    if (result.status === "ok")
      await audit(trx, { actorUserId: input.userId, action: "certificate.issue", subjectType: "certificate", subjectId: result.code, ip: input.ip });
    return result;
  });
}

/** Builds, signs and stores a certificate inside the caller's transaction (the demo data uses it with a known code). */
export async function storeCertificate(trx: Executor, input: IssueInput, key: SigningKeyPair, code: string, now: Date): Promise<IssueResult> {
  const range = periodRange(input.period);
  const entries = await confirmedHours(trx, [input.userId], range);
  if (entries.length === 0) return { status: "empty" };
  const user = await trx
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.school_organisation_id")
    .select(["users.display_name", "users.school_name", "organisations.name as schoolOrganisation"])
    .where("users.id", "=", input.userId)
    .executeTakeFirstOrThrow();
  const data: CertificateData = {
    kind: "tsunagu-volunteer-certificate",
    version: 1,
    code,
    issuer: { name: ISSUER_NAME[input.locale], url: input.origin },
    holder: { name: user.display_name, school: input.includeSchool ? user.schoolOrganisation || user.school_name || null : null },
    period: range.label,
    activities: entries.map((e) => ({ date: tokyoDateString(e.startsAt), group: e.organisationName, what: e.title, minutes: e.minutes })),
    totalMinutes: entries.reduce((s, e) => s + e.minutes, 0),
    issuedAt: now.toISOString(),
    locale: input.locale,
    keyId: key.keyId,
  };
  const text = certificateText(data);
  await trx
    .insertInto("certificates")
    .values({ code, user_id: input.userId, locale: input.locale, payload: text, signature: signText(text, key.privateKey), key_id: key.keyId, issued_at: now })
    .execute();
  return { status: "ok", code };
}

export interface CertificateView {
  state: CertificateState;
  data: CertificateData | null;
  signature: string;
  issuedAt: Date | null;
  revokedAt: Date | null;
  revokedByStaff: boolean;
  ownerId: number | null;
}

/** What the public page shows for a code: 有効 / 取り消し済み / 無効. An unknown or malformed code is 無効. */
export async function certificateByCode(db: Executor, code: string): Promise<CertificateView> {
  const none: CertificateView = { state: "invalid", data: null, signature: "", issuedAt: null, revokedAt: null, revokedByStaff: false, ownerId: null };
  if (!isCertificateCode(code)) return none;
  const row = await db.selectFrom("certificates").selectAll().where("code", "=", code).executeTakeFirst();
  if (!row) return none;
  const publicKey = await publicKeyById(db, row.key_id);
  const state = certificateState({ code, text: row.payload, signature: row.signature, publicKey, revoked: row.revoked_at !== null });
  return {
    state,
    data: state === "invalid" ? null : parseCertificateText(row.payload),
    signature: row.signature,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revokedByStaff: row.revoked_by !== null && row.revoked_by !== row.user_id,
    ownerId: row.user_id,
  };
}

export async function myCertificates(db: Executor, userId: number) {
  const rows = await db.selectFrom("certificates").select(["code", "payload", "issued_at", "revoked_at"]).where("user_id", "=", userId).orderBy("issued_at", "desc").execute();
  return rows.map((r) => {
    const data = parseCertificateText(r.payload);
    return { code: r.code, issuedAt: r.issued_at, revokedAt: r.revoked_at, period: data?.period ?? null, totalMinutes: data?.totalMinutes ?? 0 };
  });
}

export type RevokeResult = "ok" | "not-found" | "already";

/** The holder revokes their own certificate; staff may revoke any, with a reason. Both are audited. */
export async function revokeCertificate(db: DB, input: { code: string; actorUserId: number; asStaff: boolean; reason: string; ip?: string }, now = new Date()): Promise<RevokeResult> {
  if (!isCertificateCode(input.code)) return "not-found";
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("certificates").select(["id", "user_id", "revoked_at"]).where("code", "=", input.code).forUpdate().executeTakeFirst();
    if (!row || (!input.asStaff && row.user_id !== input.actorUserId)) return "not-found";
    if (row.revoked_at) return "already";
    await trx.updateTable("certificates").set({ revoked_at: now, revoked_by: input.actorUserId, revoke_reason: input.reason }).where("id", "=", row.id).execute();
    await audit(trx, { actorUserId: input.actorUserId, action: input.asStaff ? "certificate.revoke.staff" : "certificate.revoke", subjectType: "certificate", subjectId: input.code, ip: input.ip, details: { reason: input.reason } });
    return "ok";
  });
}

/** The certificate as a signed Open Badges 3.0 credential (eddsa-jcs-2022), or null unless it is valid or revoked. */
export async function openBadge(db: DB, code: string, origin: string, signingKeyPem?: string) {
  const view = await certificateByCode(db, code);
  if (!view.data) return null;
  const key = await signingKey(db, signingKeyPem);
  const credential = openBadgeCredential(view.data, origin, null) as unknown as { [k: string]: Json };
  return addDataIntegrityProof(credential, key, view.data.issuedAt);
}
