import { randomBytes } from "node:crypto";
import type { DB } from "#db/client.server";
import { refreshSearchDocuments } from "#search/document.server";
import type { MemberRole, OrganisationKind, OrganisationStatus, PostingStatus, UserRole } from "#db/schema";

/** Factories build the rows a test needs with sensible defaults; each test says only what matters to it. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

// A real argon2id hash of "correct horse battery" (m=19456, t=2, p=1), so tests need not hash per user.
export const TEST_PASSWORD = "correct horse battery";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$6asZDg35HUdDUYPMum3UyA$u+wRmy1R/Xz6rSpV5KvkPcsW4516bNotdx+uc1Dyo6I";

export async function createCatalogue(db: DB) {
  const existing = await db.selectFrom("categories").select(["id", "code"]).execute();
  if (existing.length) {
    const districts = await db.selectFrom("districts").select(["id", "code"]).execute();
    const places = await db.selectFrom("places").select(["id"]).execute();
    return { categories: existing, districts, places };
  }
  const categories = await db
    .insertInto("categories")
    .values([
      { code: "cleanup", name_ja: "清掃・環境", name_en: "Clean-up", sort_order: 1 },
      { code: "parks", name_ja: "公園・緑化", name_en: "Parks", sort_order: 2 },
      { code: "festival", name_ja: "祭り・イベント", name_en: "Festivals", sort_order: 3 },
    ])
    .returning(["id", "code"])
    .execute();
  const districts = await db
    .insertInto("districts")
    .values([
      { code: "chuo", name_ja: "中央", name_en: "Chuo", sort_order: 1 },
      { code: "edamitsu", name_ja: "枝光", name_en: "Edamitsu", sort_order: 2 },
    ])
    .returning(["id", "code"])
    .execute();
  const places = await db
    .insertInto("places")
    .values([{ kind: "park", name_ja: "桃園公園", address: "八幡東区", district_id: districts[0].id, latitude: 33.86, longitude: 130.81 }])
    .returning(["id"])
    .execute();
  return { categories, districts, places };
}

export async function createUser(db: DB, overrides: { email?: string; role?: UserRole; verified?: boolean; displayName?: string; totpSecret?: string } = {}) {
  return db
    .insertInto("users")
    .values({
      email: overrides.email ?? `user-${unique()}@example.test`,
      password_hash: TEST_PASSWORD_HASH,
      role: overrides.role ?? "volunteer",
      display_name: overrides.displayName ?? "テスト 太郎",
      email_verified_at: overrides.verified === false ? null : new Date(),
      totp_secret: overrides.totpSecret ?? null,
      totp_enabled_at: overrides.totpSecret ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createOrganisation(
  db: DB,
  options: { status?: OrganisationStatus; kind?: OrganisationKind; ownerId?: number; members?: { userId: number; role: MemberRole }[] } = {},
) {
  const org = await db
    .insertInto("organisations")
    .values({
      name: `テスト団体 ${unique()}`,
      kind: options.kind ?? "park_care_association",
      description: "公園の清掃と花壇の手入れをしています。",
      contact_name: "担当 花子",
      contact_email: "contact@example.test",
      status: options.status ?? "verified",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const members = [...(options.ownerId ? [{ userId: options.ownerId, role: "owner" as const }] : []), ...(options.members ?? [])];
  if (members.length)
    await db
      .insertInto("memberships")
      .values(members.map((m) => ({ organisation_id: org.id, user_id: m.userId, role: m.role })))
      .execute();
  return org;
}

export async function createPosting(
  db: DB,
  organisationId: number,
  options: { status?: PostingStatus; shifts?: { startsAt: Date; endsAt: Date; capacity?: number }[]; welcomesMinors?: boolean; categoryCode?: string; districtCode?: string; title?: string } = {},
) {
  const { categories, districts } = await createCatalogue(db);
  const category = categories.find((c) => c.code === (options.categoryCode ?? "parks")) ?? categories[0];
  const district = districts.find((d) => d.code === (options.districtCode ?? "chuo")) ?? districts[0];
  const posting = await db
    .insertInto("postings")
    .values({
      organisation_id: organisationId,
      title: options.title ?? `花壇の手入れ ${unique()}`,
      description: "桃園公園の花壇で草取りと植え替えをします。初めての方も歓迎です。",
      category_id: category.id,
      district_id: district.id,
      place_name: "桃園公園",
      welcomes_minors: options.welcomesMinors ?? false,
      contact_name: "担当 花子",
      status: options.status ?? "published",
      published_at: (options.status ?? "published") === "published" ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const inAWeek = Date.now() + 7 * 86400_000;
  const shifts = options.shifts ?? [{ startsAt: new Date(inAWeek), endsAt: new Date(inAWeek + 2 * 3600_000), capacity: 5 }];
  if (shifts.length)
    await db
      .insertInto("shifts")
      .values(shifts.map((s) => ({ posting_id: posting.id, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity ?? 5 })))
      .execute();
  await refreshSearchDocuments(db, [posting.id]);
  return posting;
}

export const ctx = { origin: "http://localhost:3000", locale: "ja" as const, ip: "127.0.0.1" };
