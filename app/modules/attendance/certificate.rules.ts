import type { KeyObject } from "node:crypto";
import { canonicalJson, type Json } from "./certificate.signing";
import { verifyText } from "./certificate.signing";
import type { CertificateState } from "./attendance.vocabulary";

/** What a certificate says: no birth date, address or contact details, ever. */
export interface CertificateData {
  kind: "tsunagu-volunteer-certificate";
  version: 1;
  code: string;
  issuer: { name: string; url: string };
  holder: { name: string; school: string | null };
  period: { from: string; to: string; schoolYear: number | null };
  activities: { date: string; group: string; what: string; minutes: number }[];
  totalMinutes: number;
  issuedAt: string;
  locale: "ja" | "en";
  keyId: string;
}

export function certificateText(data: CertificateData): string {
  return canonicalJson(data as unknown as Json);
}

export function parseCertificateText(text: string): CertificateData | null {
  try {
    const value = JSON.parse(text) as CertificateData;
    return value && value.kind === "tsunagu-volunteer-certificate" ? value : null;
  } catch {
    return null;
  }
}

/**
 * 有効 / 取り消し済み / 無効: valid only when the signature holds for the stored text, the text is canonical,
 * and it names the code it was reached by. Revocation wins over validity, never over invalidity.
 */
export function certificateState(input: { code: string; text: string; signature: string; publicKey: KeyObject | null; revoked: boolean }): CertificateState {
  if (!input.publicKey || !verifyText(input.text, input.signature, input.publicKey)) return "invalid";
  const data = parseCertificateText(input.text);
  if (!data || data.code !== input.code || certificateText(data) !== input.text) return "invalid";
  if (data.totalMinutes !== data.activities.reduce((sum, a) => sum + a.minutes, 0)) return "invalid";
  return input.revoked ? "revoked" : "valid";
}

/** The same certificate as an Open Badges 3.0 credential (before its proof is added). */
export function openBadgeCredential(data: CertificateData, origin: string, holderDid: string | null) {
  const url = `${origin}/certificates/${data.code}`;
  const hours = (data.totalMinutes / 60).toFixed(1);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: url,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: data.locale === "ja" ? "ボランティア活動証明書" : "Volunteer activity certificate",
    issuer: { id: data.issuer.url, type: ["Profile"], name: data.issuer.name, url: data.issuer.url },
    validFrom: data.issuedAt,
    credentialStatus: { id: url, type: "TsunaguCertificateStatus" },
    credentialSubject: {
      ...(holderDid ? { id: holderDid } : {}),
      type: ["AchievementSubject"],
      name: data.holder.name,
      achievement: {
        id: `${data.issuer.url}/certificates/achievement/volunteer-hours`,
        type: ["Achievement"],
        name: data.locale === "ja" ? `ボランティア活動 ${hours} 時間` : `${hours} hours of volunteering`,
        description:
          data.locale === "ja"
            ? `${data.period.from}〜${data.period.to} に八幡東区で行ったボランティア活動（団体が出席を確定したもの）`
            : `Volunteering in Yahatahigashi Ward from ${data.period.from} to ${data.period.to}, as confirmed by the groups`,
        criteria: { narrative: data.activities.map((a) => `${a.date} ${a.group}: ${a.what} (${a.minutes} min)`).join("\n") },
      },
      result: [{ type: ["Result"], value: String(data.totalMinutes), resultDescription: "minutes" }],
    },
  };
}
