import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import { expect, test } from "@playwright/test";
import { createVerifiedAccount, decodeEntities, emailLinks, open, ownerSession, tokyoDate, unique } from "./support";

const POINT = "桃園公園 南側入口の時計台の前（9時集合）";

test.describe("the meeting point", () => {
  test("the owner sets it; a confirmed volunteer sees it on the page, in My activities and the email, and is emailed when it moves; an anonymous visitor does not", async ({ browser }) => {
    test.setTimeout(150_000);
    const { page: owner, orgId } = await ownerSession(browser);
    const title = `落ち葉はき（集合場所あり） ${unique("m")}`;
    await open(owner, `/orgs/${orgId}/postings/new`);
    await owner.locator("#f-title").fill(title);
    await owner.locator("#f-description").fill("公園の落ち葉を集めて、花壇の手入れをします。軍手はこちらで用意します。");
    await owner.locator("#f-categoryId").selectOption({ index: 1 });
    if ((await owner.locator("#f-districtId").inputValue()) === "") await owner.locator("#f-districtId").selectOption({ index: 1 });
    await owner.locator("#f-placeName").fill("桃園公園");
    // The field says who is told.
    await expect(owner.getByText("参加が決まった方にだけお知らせします", { exact: false })).toBeVisible();
    await owner.getByLabel("集合場所").fill(`  ${POINT}  `);
    await owner.locator('input[name="shiftDate"]').first().fill(tokyoDate(33));
    await owner.locator('input[name="shiftStart"]').first().fill("09:00");
    await owner.locator('input[name="shiftEnd"]').first().fill("11:00");
    await owner.locator('input[name="shiftCapacity"]').first().fill("3");
    await owner.getByLabel("申し込みの受け付け方").selectOption({ label: "先着順で確定" });
    await owner.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(owner.getByRole("status")).toContainText("下書きを保存しました。");
    // Saved trimmed, and offered again for editing.
    await expect(owner.getByLabel("集合場所")).toHaveValue(POINT);
    await owner.getByRole("button", { name: "公開する" }).click();
    await expect(owner.getByRole("status")).toContainText("募集を公開しました。");
    const postingId = Number(owner.url().match(/\/postings\/(\d+)/)?.[1]);
    expect(postingId).toBeGreaterThan(0);

    // An anonymous visitor: told that confirmed people get it by email, never shown it (nor in the page's data).
    const anonymous = await (await browser.newContext()).newPage();
    await open(anonymous, `/postings/${postingId}`);
    await expect(anonymous.getByTestId("meeting-point-promise")).toHaveText("集合場所は、参加が確定した方にメールでお知らせします。");
    await expect(anonymous.getByTestId("meeting-point")).toHaveCount(0);
    expect(await anonymous.content()).not.toContain("時計台");
    expect(await (await anonymous.request.get(`/postings/${postingId}`)).text()).not.toContain("時計台");

    // A volunteer applies and is confirmed: now the page, My activities and the email say where to meet.
    const volunteer = await (await browser.newContext()).newPage();
    const { email } = await createVerifiedAccount(volunteer.request, "集合 花子");
    await open(volunteer, `/postings/${postingId}`);
    await expect(volunteer.getByTestId("meeting-point")).toHaveCount(0);
    await volunteer.getByRole("button", { name: "申し込む" }).click();
    await volunteer.waitForURL(/\/activities$/);
    await expect(volunteer.getByRole("status")).toContainText("参加が確定しました");
    await expect(volunteer.getByRole("region", { name: /参加予定/ }).getByTestId("activity-meeting-point")).toContainText(POINT);
    await open(volunteer, `/postings/${postingId}`);
    await expect(volunteer.getByTestId("meeting-point")).toContainText(POINT);
    const { id } = await emailLinks(volunteer.request, email, /参加が確定しました/);
    const mail = decodeEntities(await (await volunteer.request.get(`/dev/mailbox/${id}`)).text());
    expect(mail).toContain("集合場所");
    expect(mail).toContain(POINT);
    // The calendar file of the confirmed place carries it too.
    const activities = await (await volunteer.request.get("/activities")).text();
    const applicationId = Number(activities.match(/\/activities\/(\d+)\/calendar\.ics/)?.[1] ?? 0);
    const ics = (await (await volunteer.request.get(`/activities/${applicationId}/calendar.ics`)).text()).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("集合場所：桃園公園 南側入口の時計台の前（9時集合）");

    // The owner moves it (the field says who will be told): the confirmed volunteer is emailed the new one.
    const moved = "桃園公園 東口の掲示板の前（9時集合）";
    await open(owner, `/orgs/${orgId}/postings/${postingId}`);
    await expect(owner.getByText("変更すると参加が確定した方にメールでお知らせします", { exact: false })).toBeVisible();
    await owner.getByLabel("集合場所").fill(moved);
    await owner.getByRole("button", { name: "保存する" }).click();
    await expect(owner.getByRole("status")).toContainText("変更を保存しました。");
    const changed = await emailLinks(volunteer.request, email, /集合場所が変更されました/);
    const changedMail = decodeEntities(await (await volunteer.request.get(`/dev/mailbox/${changed.id}`)).text());
    expect(changedMail).toContain(moved);
    expect(changedMail).toContain(POINT);

    // The anonymous page is still without it, after the confirmed person's visit.
    await open(anonymous, `/postings/${postingId}`);
    expect(await anonymous.content()).not.toContain("時計台");
  });

  test("a posting without a meeting point makes no promise about one", async ({ page }) => {
    await open(page, "/postings");
    const first = await page.locator('a[href^="/postings/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")).filter((h) => /^\/postings\/\d+$/.test(h ?? "")));
    let checked = 0;
    for (const href of first.slice(0, 8)) {
      const html = await (await page.request.get(href!)).text();
      if (html.includes('data-testid="meeting-point-promise"')) continue;
      expect(html).not.toContain("集合場所は");
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

test.describe("the roster CSV", () => {
  test("downloads from the applicants page as UTF-8 with a BOM, or as Shift_JIS that decodes to the same rows", async ({ browser }) => {
    test.setTimeout(90_000);
    const { page: owner } = await ownerSession(browser);
    // The demo owner's first posting has people confirmed for today's session.
    await open(owner, "/orgs/1/postings/1/applicants");
    const [utf8] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: "全日程の名簿（CSV）" }).click()]);
    expect(utf8.suggestedFilename()).toBe("roster-1.csv");
    const bytes = await readFile((await utf8.path())!);
    expect([...bytes.subarray(0, 3)], "a BOM so Excel reads UTF-8").toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const [header, ...rows] = text.trimEnd().split("\r\n").map((line) => line.split(","));
    expect(header).toEqual(["日付", "開始", "終了", "氏名", "ふりがな", "状況", "区分", "学校", "学年", "地域", "得意なこと", "申込日時", "メッセージ", "緊急連絡先（保護者）"]);
    const student = rows.find((r) => r[3] === "山田 花子");
    expect(student, "the demo student's row").toBeTruthy();
    const cell = (name: string) => student![header.indexOf(name)];
    expect(cell("ふりがな")).toBe("やまだ はなこ");
    expect(cell("区分")).toBe("大学生・専門学校生");
    expect(cell("学校")).toBe("（デモ）北九州の大学");
    expect(cell("地域")).toBe("平野");
    expect(cell("申込日時")).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

    const [sjis] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: /Shift_JIS/ }).click()]);
    expect(sjis.suggestedFilename()).toBe("roster-1-sjis.csv");
    const sjisBytes = await readFile((await sjis.path())!);
    expect(sjisBytes[0]).not.toBe(0xef);
    expect(iconv.decode(sjisBytes, "cp932")).toBe(text);
  });
});
