import { describe, expect, it } from "vitest";
import { CONCERN_CATEGORIES } from "#db/schema";
import { parseForm } from "~/utils/form";
import { availableSuspensions, excerpt, formatReference, isUrgent, normaliseReference, POSTING_SUSPENDED_REASON } from "./concerns.rules";
import { CloseConcernSchema, ConcernReportSchema, parseConcernListParams, subjectFromParams, SuspendSchema } from "./concerns.schema";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe("concern reports: what the form accepts", () => {
  const valid = { subjectType: "posting", subjectId: "12", category: "child_safety", description: "作業中に大人が子どもを一人きりにしていました。" };

  it("accepts each of the five categories", () => {
    for (const category of CONCERN_CATEGORIES) expect(parseForm(ConcernReportSchema, form({ ...valid, category })).success, category).toBe(true);
    expect(CONCERN_CATEGORIES).toEqual(["child_safety", "harassment", "dangerous_activity", "fraud_misuse", "other"]);
  });

  it("needs a category from the list and a description, beside their fields", () => {
    const result = parseForm(ConcernReportSchema, form({ subjectType: "general", category: "", description: "  " }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.failure.errors.category).toEqual(["v.choice"]);
    expect(result.failure.errors.description).toEqual(["v.required"]);
    const unknown = parseForm(ConcernReportSchema, form({ ...valid, category: "gossip" }));
    expect(!unknown.success && unknown.failure.errors.category).toEqual(["v.choice"]);
  });

  it("takes up to 2000 characters (Japanese counted as characters), not one more", () => {
    expect(parseForm(ConcernReportSchema, form({ ...valid, description: "あ".repeat(2000) })).success).toBe(true);
    const long = parseForm(ConcernReportSchema, form({ ...valid, description: "あ".repeat(2001) }));
    expect(!long.success && long.failure.errors.description).toEqual(["v.tooLong?max=2000"]);
  });

  it("keeps markup as typed: a report quoting a script is text, not an error", () => {
    const result = parseForm(ConcernReportSchema, form({ ...valid, description: "<script>alert(1)</script> と書かれていました" }));
    expect(result.success && result.data.description).toBe("<script>alert(1)</script> と書かれていました");
  });

  it("an email for a reply is optional, and checked when given", () => {
    const none = parseForm(ConcernReportSchema, form(valid));
    expect(none.success && none.data.contactEmail).toBeUndefined();
    const given = parseForm(ConcernReportSchema, form({ ...valid, contactEmail: " Hanako@Example.JP " }));
    expect(given.success && given.data.contactEmail).toBe("hanako@example.jp");
    const bad = parseForm(ConcernReportSchema, form({ ...valid, contactEmail: "hanako@" }));
    expect(!bad.success && bad.failure.errors.contactEmail).toEqual(["v.email"]);
  });

  it("a report about a posting, organisation or person names which one; 'something else' needs none", () => {
    expect(parseForm(ConcernReportSchema, form({ ...valid, subjectId: "" })).success).toBe(false);
    expect(parseForm(ConcernReportSchema, form({ ...valid, subjectType: "general", subjectId: "" })).success).toBe(true);
    expect(parseForm(ConcernReportSchema, form({ ...valid, subjectType: "staff" })).success).toBe(false);
    expect(parseForm(ConcernReportSchema, form({ ...valid, subjectId: "-1" })).success).toBe(false);
  });

  it("ignores fields it does not know (no status or outcome from the outside)", () => {
    const result = parseForm(ConcernReportSchema, form({ ...valid, status: "closed", outcome: "no_action", reporterUserId: "1" }));
    expect(result.success && Object.keys(result.data).sort()).toEqual(["category", "description", "subjectId", "subjectType"]);
  });
});

describe("the report link", () => {
  it("reads ?posting=, ?organisation= or ?user=", () => {
    expect(subjectFromParams(new URLSearchParams("posting=12"))).toEqual({ type: "posting", id: 12 });
    expect(subjectFromParams(new URLSearchParams("organisation=3"))).toEqual({ type: "organisation", id: 3 });
    expect(subjectFromParams(new URLSearchParams("user=7"))).toEqual({ type: "user", id: 7 });
    expect(subjectFromParams(new URLSearchParams(""))).toBeNull();
  });

  it("treats anything but a plain id as no subject", () => {
    for (const bad of ["posting=abc", "posting=0", "posting=-2", "posting=1e3", "posting=99999999999", "posting="]) expect(subjectFromParams(new URLSearchParams(bad)), bad).toBeNull();
  });
});

describe("references", () => {
  it("are eight readable characters in two groups, from random bytes", () => {
    const ref = formatReference(new Uint8Array([0, 1, 2, 3, 30, 31, 32, 255]));
    expect(ref).toBe("0123-YZ0Z");
    expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(() => formatReference(new Uint8Array(4))).toThrow();
  });

  it("forgive case, spaces, a missing dash and look-alike letters when typed back", () => {
    expect(normaliseReference("k7m3 9qx2")).toBe("K7M3-9QX2");
    expect(normaliseReference("K7M39QX2")).toBe("K7M3-9QX2");
    expect(normaliseReference("KOMI-9QXL")).toBe("K0M1-9QX1");
    expect(normaliseReference("K7M3-9QU2")).toBeNull();
    expect(normaliseReference("K7M3")).toBeNull();
    expect(normaliseReference("<script>")).toBeNull();
  });
});

describe("what staff can suspend", () => {
  it("a posting unless cancelled or already suspended", () => {
    expect(availableSuspensions({ posting: { status: "published", statusReason: "" } })).toEqual(["posting"]);
    expect(availableSuspensions({ posting: { status: "draft", statusReason: "" } })).toEqual(["posting"]);
    expect(availableSuspensions({ posting: { status: "closed", statusReason: "" } })).toEqual(["posting"]);
    expect(availableSuspensions({ posting: { status: "closed", statusReason: POSTING_SUSPENDED_REASON } })).toEqual([]);
    expect(availableSuspensions({ posting: { status: "cancelled", statusReason: "" } })).toEqual([]);
  });

  it("an organisation that is verified or pending", () => {
    expect(availableSuspensions({ organisation: { status: "verified" } })).toEqual(["organisation"]);
    expect(availableSuspensions({ organisation: { status: "pending" } })).toEqual(["organisation"]);
    expect(availableSuspensions({ organisation: { status: "suspended" } })).toEqual([]);
    expect(availableSuspensions({ organisation: { status: "rejected" } })).toEqual([]);
  });

  it("a volunteer's account that is still open; never a staff or admin account", () => {
    expect(availableSuspensions({ user: { role: "volunteer", disabled: false, deleted: false } })).toEqual(["user"]);
    expect(availableSuspensions({ user: { role: "volunteer", disabled: true, deleted: false } })).toEqual([]);
    expect(availableSuspensions({ user: { role: "volunteer", disabled: false, deleted: true } })).toEqual([]);
    expect(availableSuspensions({ user: { role: "staff", disabled: false, deleted: false } })).toEqual([]);
    expect(availableSuspensions({ user: { role: "admin", disabled: false, deleted: false } })).toEqual([]);
  });

  it("a posting and its organisation together", () => {
    expect(availableSuspensions({ posting: { status: "published", statusReason: "" }, organisation: { status: "verified" } })).toEqual(["posting", "organisation"]);
  });
});

describe("staff forms", () => {
  it("a suspension needs the confirmation step and a reason", () => {
    expect(parseForm(SuspendSchema, form({ target: "posting", reason: "子どもの安全", confirm: "yes" })).success).toBe(true);
    const unconfirmed = parseForm(SuspendSchema, form({ target: "posting", reason: "子どもの安全" }));
    expect(!unconfirmed.success && unconfirmed.failure.errors.confirm).toEqual(["v.mustConfirm"]);
    const noReason = parseForm(SuspendSchema, form({ target: "posting", reason: " ", confirm: "yes" }));
    expect(!noReason.success && noReason.failure.errors.reason).toEqual(["v.reasonRequired"]);
    expect(parseForm(SuspendSchema, form({ target: "district", reason: "x", confirm: "yes" })).success).toBe(false);
  });

  it("closing needs an outcome from the list", () => {
    expect(parseForm(CloseConcernSchema, form({ outcome: "no_action" })).success).toBe(true);
    const bad = parseForm(CloseConcernSchema, form({ outcome: "forgotten" }));
    expect(!bad.success && bad.failure.errors.outcome).toEqual(["v.choice"]);
  });

  it("queue filters: unknown values are dropped with a message, the page number is bounded", () => {
    const { query, errors } = parseConcernListParams(new URLSearchParams("status=closed&category=harassment&subject=posting&page=3"));
    expect(query).toEqual({ status: "closed", category: "harassment", subjectType: "posting", reference: undefined, page: 3 });
    expect(errors).toEqual({});
    const bad = parseConcernListParams(new URLSearchParams("status=deleted&category=%3Cscript%3E&page=-1&ref=zzz"));
    expect(bad.query).toEqual({ status: "open", category: undefined, subjectType: undefined, reference: undefined, page: 1 });
    expect(Object.keys(bad.errors).sort()).toEqual(["category", "ref", "status"]);
    expect(parseConcernListParams(new URLSearchParams("ref=k7m3 9qx2")).query.reference).toBe("K7M3-9QX2");
  });
});

describe("the queue", () => {
  it("puts a child's safety first", () => {
    expect(CONCERN_CATEGORIES.filter(isUrgent)).toEqual(["child_safety"]);
  });

  it("shows a one-line excerpt of a report", () => {
    expect(excerpt("一行目\n\n二行目   三行目")).toBe("一行目 二行目 三行目");
    expect(Array.from(excerpt("あ".repeat(300))).length).toBe(120);
    expect(excerpt("あ".repeat(300)).endsWith("…")).toBe(true);
  });
});
