import { describe, expect, it } from "vitest";
import { MESSAGE_SIDES, USER_ROLES } from "#db/schema";
import { messageText, noticeBucket, noticeDedupeKey, notifiedParties, preview, senderLabel, threadAccess, type ParticipantRole } from "./messages.rules";

const thread = { volunteerUserId: 10, organisationId: 3 };
const access = (viewer: { id: number; role?: "volunteer" | "staff" | "admin" }, extra: { member?: boolean; participant?: ParticipantRole | null; via?: "personal" | "organisation" } = {}) =>
  threadAccess({
    viewer: { id: viewer.id, role: viewer.role ?? "volunteer" },
    thread,
    memberOfOrganisation: extra.member ?? false,
    participantRole: extra.participant ?? null,
    via: extra.via,
  });

describe("who may read and write a thread", () => {
  it("lets the volunteer of the thread read and write as the volunteer", () => {
    expect(access({ id: 10 })).toEqual({ canRead: true, canWrite: true, side: "volunteer", as: "volunteer" });
  });

  it("lets every member of the organisation read and write as the organisation", () => {
    expect(access({ id: 20 }, { member: true })).toEqual({ canRead: true, canWrite: true, side: "organisation", as: "organisation" });
  });

  it("shuts out any other volunteer", () => {
    expect(access({ id: 11 }).canRead).toBe(false);
    expect(access({ id: 11 }).canWrite).toBe(false);
  });

  it("gives ward staff and admins no standing access: only when listed as participants", () => {
    for (const role of ["staff", "admin"] as const) {
      expect(access({ id: 30, role }).canRead, role).toBe(false);
      expect(access({ id: 30, role }, { participant: "staff" }), role).toEqual({ canRead: true, canWrite: true, side: "staff", as: "staff" });
    }
  });

  it("ignores a staff listing once the person is no longer staff", () => {
    expect(access({ id: 30, role: "volunteer" }, { participant: "staff" }).canRead).toBe(false);
  });

  it("lets a listed school coordinator read and write as the coordinator", () => {
    expect(access({ id: 40 }, { participant: "coordinator" })).toEqual({ canRead: true, canWrite: true, side: "coordinator", as: "coordinator" });
  });

  it("lets a listed guardian read but not write", () => {
    expect(access({ id: 50 }, { participant: "guardian" })).toEqual({ canRead: true, canWrite: false, side: null, as: "guardian" });
  });

  it("from the organisation's pages, a member who is also the volunteer speaks for the organisation; a non-member gets nothing", () => {
    expect(access({ id: 10 }, { member: true, via: "organisation" }).side).toBe("organisation");
    expect(access({ id: 10 }, { member: false, via: "organisation" }).canRead).toBe(false);
    expect(access({ id: 30, role: "staff" }, { participant: "staff", via: "organisation" }).canRead).toBe(false);
  });

  it("never lets anyone write as the system", () => {
    for (const role of USER_ROLES)
      for (const participant of [null, "staff", "coordinator", "guardian"] as const)
        for (const member of [true, false])
          for (const id of [10, 99]) expect(access({ id, role }, { member, participant }).side).not.toBe("system");
  });
});

describe("who is emailed about a new message", () => {
  it("tells the other side, both for staff and coordinators, nobody for system notices", () => {
    expect(notifiedParties("volunteer")).toEqual({ volunteer: false, organisation: true });
    expect(notifiedParties("organisation")).toEqual({ volunteer: true, organisation: false });
    expect(notifiedParties("staff")).toEqual({ volunteer: true, organisation: true });
    expect(notifiedParties("coordinator")).toEqual({ volunteer: true, organisation: true });
    expect(notifiedParties("system")).toEqual({ volunteer: false, organisation: false });
  });

  it("puts messages 15 minutes apart in different buckets, and the same quarter hour in one", () => {
    const t = new Date("2026-12-05T00:00:00Z");
    expect(noticeBucket(new Date(t.getTime() + 14 * 60_000))).toBe(noticeBucket(t));
    expect(noticeBucket(new Date(t.getTime() + 15 * 60_000))).toBe(noticeBucket(t) + 1);
    expect(noticeDedupeKey(7, 8, 9)).toBe("email:new-message:7:8:9");
  });
});

describe("how messages are shown", () => {
  it("labels senders by name and side, never by address", () => {
    expect(senderLabel({ side: "volunteer", senderName: "山田 花子", senderGone: false }, "桃園公園愛護会", "ja")).toBe("山田 花子");
    expect(senderLabel({ side: "organisation", senderName: "佐藤", senderGone: false }, "桃園公園愛護会", "ja")).toBe("桃園公園愛護会（佐藤）");
    expect(senderLabel({ side: "organisation", senderName: "Sato", senderGone: false }, "Momozono", "en")).toBe("Momozono (Sato)");
    expect(senderLabel({ side: "staff", senderName: "区 職員", senderGone: false }, "x", "ja")).toBe("区職員 区 職員");
    expect(senderLabel({ side: "system", senderName: null, senderGone: false }, "x", "en")).toBe("Notice");
  });

  it("shows a deleted account as a former user in both languages", () => {
    for (const side of MESSAGE_SIDES.filter((s) => s !== "system")) {
      expect(senderLabel({ side, senderName: "消えた名前", senderGone: true }, "団体", "ja")).toBe("退会したユーザー");
      expect(senderLabel({ side, senderName: "gone", senderGone: true }, "Group", "en")).toBe("Former user");
    }
  });

  it("translates system notices with their times in Tokyo, and shows people's text exactly as written", () => {
    const body = "messages.readers.you?name=2026-12-05T00:00:00.000Z";
    expect(messageText("system", body, "ja")).toBe("2026年12月5日(土) 9:00（あなた）");
    expect(messageText("system", body, "en")).toBe("Sat 5 Dec 2026 9:00 (you)");
    expect(messageText("volunteer", body, "ja")).toBe(body);
    expect(messageText("system", "no.such.key?x=1", "ja")).toBe("no.such.key?x=1");
    expect(messageText("system", "明日は雨天中止です。", "ja")).toBe("明日は雨天中止です。");
  });

  it("previews a message on one line, cut by characters (not bytes)", () => {
    expect(preview("一行目\n二行目")).toBe("一行目 二行目");
    const long = "あ".repeat(100);
    expect(Array.from(preview(long, 10))).toHaveLength(10);
    expect(preview(long, 10).endsWith("…")).toBe(true);
    expect(preview("😀".repeat(5), 3)).toBe("😀😀…");
  });
});
