import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, createVerifiedAccount, idsIn, loginInBrowser, loginWithRequests, open, tokyoDate, unique, waitForHydration } from "./support";

interface ShiftInput {
  date: string;
  start: string;
  end: string;
  capacity: string;
}

interface PostingInput {
  title: string;
  description: string;
  category: string;
  placeName: string;
  latitude?: string;
  longitude?: string;
  shifts: ShiftInput[];
  welcomesMinors?: boolean;
}

/** Fills the posting form (new or edit) the way a person would. */
async function fillPostingForm(page: Page, input: PostingInput): Promise<void> {
  await page.locator("#f-title").fill(input.title);
  await page.locator("#f-description").fill(input.description);
  await page.locator("#f-categoryId").selectOption({ label: input.category });
  // The district defaults to the organisation's own; some organisations have none, so pick one then.
  if ((await page.locator("#f-districtId").inputValue()) === "") await page.locator("#f-districtId").selectOption({ index: 1 });
  await page.locator("#f-placeName").fill(input.placeName);
  if (input.latitude !== undefined) await page.locator("#f-latitude").fill(input.latitude);
  if (input.longitude !== undefined) await page.locator("#f-longitude").fill(input.longitude);
  for (const [i, shift] of input.shifts.entries()) {
    await page.locator('input[name="shiftDate"]').nth(i).fill(shift.date);
    await page.locator('input[name="shiftStart"]').nth(i).fill(shift.start);
    await page.locator('input[name="shiftEnd"]').nth(i).fill(shift.end);
    await page.locator('input[name="shiftCapacity"]').nth(i).fill(shift.capacity);
  }
  if (input.welcomesMinors) await page.getByLabel("18歳未満（高校生など）の参加を歓迎する").check();
}

/** The demo owner's first organisation, read from the account page. */
async function ownerOrganisationId(page: Page): Promise<number> {
  const html = await (await page.request.get("/account")).text();
  const [orgId] = idsIn(html, /href="\/orgs\/(\d+)"/);
  expect(orgId, "the owner belongs to an organisation").toBeGreaterThan(0);
  return orgId;
}

test.describe("organisations and their postings", () => {
  test("a new group drafts a posting, cannot publish while pending, is verified by staff, publishes, and a visitor finds it", async ({ browser }) => {
    test.setTimeout(120_000);
    const groupName = `（テスト）桃園みどりの会 ${unique("g")}`;
    const title = `桃園公園の落ち葉はき ${unique("p")}`;
    const shiftDate = tokyoDate(200);

    // ── A new person registers a group ──
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await createVerifiedAccount(owner.request, "桃園 みどり");
    await open(owner, "/account");
    await owner.getByRole("link", { name: "団体を登録する" }).click();
    await expect(owner).toHaveURL(/\/organisations\/new$/);
    await waitForHydration(owner);
    await owner.getByLabel(/^団体名\s*必須/).fill(groupName);
    await owner.getByLabel("団体名（ふりがな）").fill("ももぞのみどりのかい");
    await owner.getByLabel("団体の種類").selectOption({ label: "公園愛護会" });
    await owner.getByLabel("主な活動地域").selectOption({ label: "桃園" });
    await owner.getByLabel("団体の紹介").fill("桃園公園の花壇と園路の手入れを、地域の住民で月に一度行っています。");
    await owner.getByLabel("連絡担当者").fill("桃園 みどり");
    await owner.getByLabel("連絡先メールアドレス").fill("midori@example.com");
    await owner.getByLabel("連絡先電話番号").fill("093-000-1234");
    await owner.getByRole("button", { name: "登録を申請する" }).click();
    await expect(owner).toHaveURL(/\/orgs\/\d+$/);
    const orgId = Number(owner.url().match(/\/orgs\/(\d+)$/)![1]);
    await expect(owner.getByRole("status")).toContainText("団体の登録を受け付けました。");
    await expect(owner.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
    await expect(owner.getByText("確認待ち", { exact: true })).toBeVisible();

    // ── It drafts a posting while pending ──
    await waitForHydration(owner);
    await owner.getByRole("link", { name: "募集をつくる" }).click();
    await expect(owner).toHaveURL(new RegExp(`/orgs/${orgId}/postings/new$`));
    await expect(owner.getByRole("main").getByRole("note")).toContainText("団体の確認が済むまでは下書きとして保存できます。");
    await waitForHydration(owner);
    await fillPostingForm(owner, {
      title,
      description: "桃園公園の園路の落ち葉はきと、花壇まわりのごみ拾いをします。道具はこちらで用意します。",
      category: "公園・緑化",
      placeName: "桃園公園 北口広場",
      shifts: [{ date: shiftDate, start: "09:00", end: "11:00", capacity: "8" }],
      // Welcoming under-18s would send the posting to the safeguarding review (tests/e2e/safeguarding-review.spec.ts).
      welcomesMinors: false,
    });
    await owner.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(owner).toHaveURL(new RegExp(`/orgs/${orgId}/postings/\\d+$`));
    const postingPath = new URL(owner.url()).pathname;
    const postingId = Number(postingPath.split("/").pop());
    await expect(owner.getByRole("status")).toContainText("下書きを保存しました。");

    // ── Publishing is blocked: in the page, and on the server for a hand-made request ──
    const publish = owner.getByRole("button", { name: "公開する" });
    await expect(publish).toBeDisabled();
    await expect(owner.locator("#publish-blocked")).toHaveText("団体が区役所の確認を受けるまで、募集は公開できません。");
    const forced = await owner.request.post(postingPath, { form: { intent: "publish" }, maxRedirects: 0 });
    expect(forced.status()).toBe(400);
    expect(await forced.text()).toContain("団体が区役所の確認を受けるまで、募集は公開できません。");
    await owner.reload();
    await expect(owner.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(owner.getByText("下書きです。まだ誰にも見えていません。")).toBeVisible();

    // Nobody else sees a draft.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    expect((await visitor.goto(`/postings/${postingId}`))?.status()).toBe(404);

    // ── Ward staff verify the group from the queue ──
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await loginInBrowser(staff, ACCOUNTS.staff);
    await open(staff, "/staff?status=pending");
    await staff.getByRole("table").getByRole("link", { name: groupName }).click();
    await expect(staff).toHaveURL(new RegExp(`/staff/organisations/${orgId}`));
    await expect(staff.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
    await waitForHydration(staff);
    await staff.getByLabel("承認する（募集を公開できるようになります）").check();
    await staff.getByRole("button", { name: "決定する" }).click();
    await expect(staff.getByRole("status")).toContainText("団体を承認しました。");
    await expect(staff.getByText("確認済み", { exact: true })).toBeVisible();
    await staffContext.close();

    // ── The group publishes its draft ──
    await open(owner, postingPath);
    await expect(publish).toBeEnabled();
    await publish.click();
    await expect(owner.getByRole("status")).toContainText("募集を公開しました。");
    await expect(owner.getByText("公開中です。誰でも見ることができます。")).toBeVisible();
    await ownerContext.close();

    // ── A visitor finds it in the list and opens it ──
    await open(visitor, "/postings");
    await visitor.waitForSelector("html[data-hydrated]");
    await visitor.getByRole("group", { name: "分野" }).getByLabel("公園・緑化").check();
    await expect(visitor).toHaveURL(/category=parks/);
    await visitor.getByLabel("この日から").fill(shiftDate);
    await visitor.getByLabel("この日まで").fill(shiftDate);
    await visitor.getByLabel("キーワード").fill(title);
    await visitor.getByRole("button", { name: "検索", exact: true }).click();
    await expect(visitor).toHaveURL(/from=.*to=/);
    const card = visitor.getByRole("listitem").filter({ hasText: title });
    await expect(card).toContainText(groupName);
    await card.getByRole("link", { name: title }).click();
    await expect(visitor).toHaveURL(new RegExp(`/postings/${postingId}$`));
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole("region", { name: "場所", exact: true })).toContainText("桃園公園 北口広場");
    await expect(visitor.getByRole("region", { name: "募集している団体" })).toContainText(groupName);
    await expect(visitor.getByRole("region", { name: "日時" })).toContainText("残り8名（定員8名）");
    await visitorContext.close();
  });

  test("the posting form reports each problem beside its field and keeps what was typed", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await loginWithRequests(page.request, ACCOUNTS.owner);
    const orgId = await ownerOrganisationId(page);
    await open(page, `/orgs/${orgId}/postings/new`);

    const future = tokyoDate(30);
    const past = tokyoDate(-3);
    const badTitle = '<script>alert("x")</script>公園清掃';
    const description = "公園の清掃と草取りを行います。軍手はこちらで用意します。";
    await fillPostingForm(page, {
      title: badTitle,
      description,
      category: "清掃・環境",
      placeName: "中央公園",
      latitude: "99",
      longitude: "130.8",
      shifts: [
        { date: future, start: "10:00", end: "10:00", capacity: "5" },
        { date: future, start: "13:00", end: "15:00", capacity: "0" },
      ],
    });
    await page.getByRole("button", { name: "下書きとして保存" }).click();

    await expect(page.locator("#f-title-error")).toContainText("HTMLタグ（< > で囲んだ文字）は使えません。");
    await expect(page.locator("#f-latitude-error")).toContainText("緯度は北九州市周辺の値（33.0〜34.5）で入力してください。");
    await expect(page.locator("#f-shift-0-error")).toContainText("終了時刻を開始時刻と同じにはできません。");
    await expect(page.locator("#f-title")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert")).toContainText("確認が必要な項目があります");
    // What was typed is still there, and no script ran.
    await expect(page.locator("#f-title")).toHaveValue(badTitle);
    await expect(page.locator("#f-description")).toHaveValue(description);
    await expect(page.locator("#f-latitude")).toHaveValue("99");
    await expect(page.locator("#f-placeName")).toHaveValue("中央公園");
    await expect(page.locator('input[name="shiftStart"]').first()).toHaveValue("10:00");
    await expect(page.locator('input[name="shiftCapacity"]').nth(1)).toHaveValue("0");
    expect(page.url()).toMatch(/\/postings\/new$/);

    // With the fields fixed, only the shift rows' problems remain, each beside its row.
    await page.locator("#f-title").fill("中央公園の清掃");
    await page.locator("#f-latitude").fill("33.86");
    await page.locator('input[name="shiftDate"]').nth(2).fill(past);
    await page.locator('input[name="shiftStart"]').nth(2).fill("10:00");
    await page.locator('input[name="shiftEnd"]').nth(2).fill("12:00");
    await page.locator('input[name="shiftCapacity"]').nth(2).fill("3");
    await page.getByRole("button", { name: "下書きとして保存" }).click();

    await expect(page.locator("#f-shift-0-error")).toContainText("終了時刻を開始時刻と同じにはできません。");
    await expect(page.locator("#f-shift-1-error")).toContainText("定員は1人以上の数で入力してください。");
    await expect(page.locator("#f-shift-2-error")).toContainText("過ぎた日時は登録できません。");
    await expect(page.locator("#f-title-error")).toBeEmpty();
    await expect(page.locator("#f-latitude-error")).toBeEmpty();
    await expect(page.locator('input[name="shiftDate"]').nth(2)).toHaveValue(past);
    await expect(page.locator('input[name="shiftEnd"]').first()).toHaveValue("10:00");
    await expect(page.locator("#f-title")).toHaveValue("中央公園の清掃");

    // Without JavaScript the server answers the same: 400 with the messages, the values put back as text.
    const raw = await page.request.post(`/orgs/${orgId}/postings/new`, {
      form: { intent: "save", title: badTitle, description, categoryId: "1", districtId: "1", placeName: "x", latitude: "99", longitude: "130.8", contactName: "田中" },
      maxRedirects: 0,
    });
    expect(raw.status()).toBe(400);
    const html = await raw.text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;");
    expect(dialogs).toEqual([]);
  });

  test("the posting form reports field and shift problems together, in one round", async ({ page }) => {
    await loginWithRequests(page.request, ACCOUNTS.owner);
    const orgId = await ownerOrganisationId(page);
    const form = new FormData();
    const fields: [string, string][] = [
      ["intent", "save"],
      ["title", "<b>公園清掃</b>"],
      ["description", "公園の清掃と草取りを行います。軍手はこちらで用意します。"],
      ["categoryId", "1"],
      ["districtId", "1"],
      ["placeName", "中央公園"],
      ["contactName", "田中"],
      ["shiftDate", tokyoDate(30)],
      ["shiftStart", "10:00"],
      ["shiftEnd", "10:00"],
      ["shiftCapacity", "5"],
    ];
    for (const [k, v] of fields) form.append(k, v);
    const response = await page.request.post(`/orgs/${orgId}/postings/new`, { form, maxRedirects: 0 });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("HTMLタグ（&lt; &gt; で囲んだ文字）は使えません。");
    expect(html).toContain("終了時刻を開始時刻と同じにはできません。");
  });

  test("sending the same new-posting form twice creates one draft", async ({ page }) => {
    await loginWithRequests(page.request, ACCOUNTS.owner);
    const orgId = await ownerOrganisationId(page);
    await open(page, `/orgs/${orgId}/postings/new`);
    const title = `二度押しの確認 ${unique("dup")}`;
    await fillPostingForm(page, {
      title,
      description: "同じフォームを二回送っても、下書きは一つだけできることを確かめます。",
      category: "その他",
      placeName: "枝光市民センター 前",
      shifts: [{ date: tokyoDate(40), start: "10:00", end: "12:00", capacity: "4" }],
    });
    // The form exactly as the browser would send it, hidden submission key included.
    const entries = await page.locator("form:has(#f-title)").evaluate((form: HTMLFormElement) =>
      [...new FormData(form).entries()].map(([k, v]) => [k, String(v)] as [string, string]),
    );
    const key = entries.find(([k]) => k === "submissionKey")?.[1];
    expect(key, "the form carries a submission key").toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const body = () => {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      form.append("intent", "save");
      return form;
    };

    const first = await page.request.post(`/orgs/${orgId}/postings/new`, { form: body(), maxRedirects: 0 });
    const second = await page.request.post(`/orgs/${orgId}/postings/new`, { form: body(), maxRedirects: 0 });
    expect(first.status()).toBe(302);
    expect(second.status()).toBe(302);
    const created = first.headers()["location"];
    expect(created).toMatch(new RegExp(`^/orgs/${orgId}/postings/\\d+$`));
    expect(second.headers()["location"]).toBe(created);

    // A third press in the page itself lands on the same draft too.
    await page.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(page).toHaveURL(new RegExp(`${created}$`));

    await open(page, `/orgs/${orgId}`);
    await expect(page.getByRole("link", { name: title })).toHaveCount(1);
  });
});
