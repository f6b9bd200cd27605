import { expect, test } from "@playwright/test";
import { ACCOUNTS, emailLinks, loginInBrowser, open, unique } from "./support";

const CHAIR = "chair@demo.tsunagu.example";

test.describe("welfare-commissioner recruitment", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a resident comes through a poster's link, fixes the form's errors, gets the email; staff appoint them and the fill rate changes; the chair of another district cannot see them", async ({
    browser,
    request,
  }) => {
    test.setTimeout(240_000);
    const name = `大蔵 ${unique("r").slice(-6)}`;
    const email = `${unique("minsei")}@example.com`;

    // The resident scans the poster's QR code: the short link counts the visit and opens /minsei.
    const residentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const resident = await residentContext.newPage();
    await open(resident, "/m/demoposter1");
    expect(new URL(resident.url()).pathname).toBe("/minsei");
    await expect(resident.getByRole("heading", { level: 1 })).toContainText("民生委員・児童委員");
    await expect(resident.getByTestId("looking-now")).toContainText("枝光");

    // Sent empty: every message beside its field, nothing recorded.
    await resident.getByRole("button", { name: "送信する" }).click();
    await expect(resident.locator("#f-name-error")).toContainText("入力してください");
    await expect(resident.locator("#f-contact-error")).toContainText("電話番号かメールアドレス");
    await expect(resident.locator("#f-consent-error")).toContainText("同意が必要");

    // A year in the future is answered beside the field, and what was typed stays.
    await resident.locator("#f-name").fill(name);
    await resident.locator("#f-nameKana").fill("おおくら はなこ");
    await resident.locator("#f-district").selectOption({ label: "大蔵" });
    await resident.locator("#f-birthYear").fill("2999");
    await resident.locator("#f-email").fill(email);
    await resident.getByLabel("話を聞きたい").check();
    await resident.locator('input[name="consent"]').check();
    await resident.getByRole("button", { name: "送信する" }).click();
    await expect(resident.locator("#f-birthYear-error")).toContainText("未来");
    await expect(resident.locator("#f-name")).toHaveValue(name);

    await resident.locator("#f-birthYear").fill("1968");
    await resident.getByRole("button", { name: "送信する" }).click();
    await resident.waitForURL(/\/minsei\/thanks$/);
    await expect(resident.getByRole("heading", { level: 1 })).toContainText("ありがとうございました");
    await residentContext.close();

    const { links } = await emailLinks(request, email, /民生委員/);
    expect(links.some((l) => /\/minsei\/withdraw\/[A-Za-z0-9_-]{43}$/.test(l))).toBe(true);

    // Staff: the ward's fill rate before, then the person moved through to 委嘱.
    const staffContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const staff = await staffContext.newPage();
    await loginInBrowser(staff, ACCOUNTS.staff);
    await open(staff, "/staff/recruitment");
    const before = await staff.getByTestId("ward-serving").innerText();
    const rateBefore = await staff.getByTestId("ward-rate").innerText();
    await open(staff, "/staff/recruitment/people?view=open");
    await staff.getByRole("link", { name }).click();
    await staff.waitForURL(/\/staff\/recruitment\/people\/\d+$/);
    const personPath = new URL(staff.url()).pathname;
    for (const stage of ["連絡済み", "説明・面談", "推薦準備会へ", "推薦会"]) {
      await staff.locator("#f-to").selectOption({ label: stage });
      await staff.getByRole("button", { name: "記録する" }).click();
      await expect(staff.getByRole("status").first()).toContainText("段階を記録しました");
    }
    await staff.locator("#f-to").selectOption({ label: "委嘱" });
    await staff.locator("#f-areaId").selectOption({ index: 1 });
    await staff.getByRole("button", { name: "記録する" }).click();
    await expect(staff.getByRole("status").first()).toContainText("段階を記録しました");
    await open(staff, "/staff/recruitment");
    expect(Number(await staff.getByTestId("ward-serving").innerText())).toBe(Number(before) + 1);
    expect(await staff.getByTestId("ward-rate").innerText()).not.toBe(rateBefore);
    await staffContext.close();

    // The chair of 枝光 sees only 枝光's people: not this resident, in the list or by the address.
    const chairContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const chair = await chairContext.newPage();
    await loginInBrowser(chair, CHAIR);
    await open(chair, "/staff/recruitment/people?view=all");
    await expect(chair.getByRole("heading", { level: 1 })).toContainText("関心を寄せた方");
    await expect(chair.getByText(name)).toHaveCount(0);
    await expect(chair.getByText("山本 和子")).toHaveCount(1);
    expect((await chair.request.get(personPath)).status()).toBe(404);
    expect((await chair.request.get("/staff/recruitment")).status()).toBe(403);
    await chairContext.close();
  });

  test("staff correct an area, a campaign and a channel, delete a channel made by mistake, and are told why a used one stays", async ({ page }) => {
    test.setTimeout(180_000);
    await loginInBrowser(page, ACCOUNTS.staff);

    // An area: a serving count over the seats is refused beside the field; a corrected figure is saved.
    await open(page, "/staff/recruitment");
    await page.getByRole("link", { name: "枝光地区（例示）" }).click();
    await page.waitForURL(/\/staff\/recruitment\/areas\/\d+$/);
    await page.getByLabel("定数").fill("1");
    await page.getByRole("button", { name: "保存する" }).click();
    await expect(page.locator("#f-serving-error")).toContainText("現員は定数以下");
    await page.getByLabel("定数").fill("11");
    await page.getByLabel("世帯数").fill("3333");
    await page.getByRole("button", { name: "保存する" }).click();
    await page.waitForURL(/\/staff\/recruitment$/);
    await expect(page.locator('tbody[data-district="枝光"]')).toContainText("3333");

    // A campaign made today, with a channel named wrongly.
    const name = `（試験）${unique("c").slice(-6)}の募集`;
    await open(page, "/staff/recruitment/campaigns");
    await page.locator('input[name="name"]').fill(name);
    await page.getByLabel("開始日").fill("2027-01-01");
    await page.getByLabel("終了日").fill("2027-03-31");
    await page.getByRole("button", { name: "作る", exact: true }).click();
    await page.waitForURL(/\/staff\/recruitment\/campaigns\/\d+$/);
    const campaignPage = page.url();
    await page.locator('select[name="kind"]').selectOption("sns");
    await page.locator('input[name="label"]').fill("（試験）まちがえた経路");
    await page.getByRole("button", { name: "経路を加える" }).click();
    await expect(page.getByTestId("channels")).toContainText("（試験）まちがえた経路");

    await page.getByRole("link", { name: "「（試験）まちがえた経路」を編集" }).click();
    await page.waitForURL(/\/channels\/\d+\/edit$/);
    await page.locator('input[name="label"]').fill("（試験）使わない経路");
    await page.getByRole("button", { name: "保存する" }).click();
    await page.waitForURL(campaignPage);
    await expect(page.getByTestId("channels")).toContainText("（試験）使わない経路");

    // Deleting asks for the box first; then the unused channel is gone.
    await page.getByRole("link", { name: "「（試験）使わない経路」を編集" }).click();
    await page.getByRole("link", { name: "この経路を削除する" }).click();
    await page.waitForURL(/\/channels\/\d+\/delete$/);
    await page.getByRole("button", { name: "削除する" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("確認のチェック");
    await page.getByLabel("この経路を削除します").check();
    await page.getByRole("button", { name: "削除する" }).click();
    await page.waitForURL(campaignPage);
    await expect(page.getByText("経路を削除しました。")).toBeVisible();
    await expect(page.getByTestId("channels")).not.toContainText("（試験）使わない経路");

    await page.getByRole("link", { name: "キャンペーンを編集" }).click();
    await page.waitForURL(/\/campaigns\/\d+\/edit$/);
    await page.locator('input[name="name"]').fill(`${name}（改）`);
    await page.getByRole("button", { name: "保存する" }).click();
    await page.waitForURL(campaignPage);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}（改）`);

    // The demo campaign's poster has visits and people: its delete page explains, with no button to delete.
    await open(page, "/staff/recruitment/campaigns");
    await page.getByRole("link", { name: /2026年度 民生委員・児童委員 担い手募集/ }).click();
    await page.getByRole("link", { name: "「枝光南市民センターのポスター」を編集" }).click();
    await page.getByRole("link", { name: "この経路を削除する" }).click();
    await expect(page.getByTestId("delete-refused")).toContainText("削除できません");
    await expect(page.getByTestId("delete-refused")).toContainText("リンクからの訪問");
    await expect(page.getByRole("button", { name: "削除する" })).toHaveCount(0);

    // A 協力員 whose insurance was renewed: the new end date replaces the warning.
    const helper = `（試験）協力 ${unique("h").slice(-4)}`;
    await open(page, "/staff/recruitment/helpers");
    await page.locator('input[name="name"]').fill(helper);
    await page.locator('select[name="areaId"]').selectOption({ index: 1 });
    await page.getByLabel("保険の期限").fill("2026-01-31");
    await page.getByLabel("活動開始日").fill("2025-04-01");
    await page.getByLabel("本人が上の誓約をしたことを確認しました").check();
    await page.getByRole("button", { name: "協力員を登録する" }).click();
    await expect(page.getByTestId("helpers")).toContainText(helper);
    await page.getByRole("link", { name: helper }).click();
    await page.waitForURL(/\/staff\/recruitment\/helpers\/\d+$/);
    await page.getByLabel("活動終了日（任意）").fill("2025-03-01");
    await page.getByRole("button", { name: "保存する" }).click();
    await expect(page.locator("#f-activeUntil-error")).toBeVisible();
    await page.getByLabel("活動終了日（任意）").fill("");
    await page.getByLabel("保険の期限").fill("2099-03-31");
    await page.getByRole("button", { name: "保存する" }).click();
    await page.waitForURL(/\/staff\/recruitment\/helpers$/);
    await expect(page.getByTestId("helpers").locator("li", { hasText: helper })).toContainText("2099-03-31");
  });
});
