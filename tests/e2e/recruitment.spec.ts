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
});
