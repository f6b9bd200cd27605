import { expect, test } from "@playwright/test";
import { ACCOUNTS, idsIn, loginWithRequests, open, tokyoDate } from "./support";
test("race", async ({ page }) => {
  await loginWithRequests(page.request, ACCOUNTS.owner);
  const html = await (await page.request.get("/account")).text();
  const [orgId] = idsIn(html, /href="\/orgs\/(\d+)"/);
  await open(page, `/orgs/${orgId}/postings/new`);
  const key = await page.locator('input[name=submissionKey]').inputValue();
  const mk = () => { const f = new FormData(); for (const [k,v] of Object.entries({intent:"save",title:"race test",description:"同じフォームを二回送っても、下書きは一つだけできることを確かめます。",categoryId:"1",districtId:"1",placeName:"x",contactName:"田中",shiftDate:tokyoDate(10),shiftStart:"10:00",shiftEnd:"11:00",shiftCapacity:"3",submissionKey:key})) f.append(k,v); return f; };
  const rs = await Promise.all(Array.from({length: 6}, () => page.request.post(`/orgs/${orgId}/postings/new`, { form: mk(), maxRedirects: 0 })));
  console.log(rs.map(r => r.status() + " " + r.headers()["location"]));
  const orgKey = "o" + Date.now();
  const mk2 = () => { const f = new FormData(); for (const [k,v] of Object.entries({name:"race org",kind:"npo",description:"レースのテストをする団体です。",contactName:"x",contactEmail:"a@example.com",submissionKey:orgKey+"abcdefgh"})) f.append(k,v); return f; };
  const rs2 = await Promise.all(Array.from({length: 6}, () => page.request.post(`/organisations/new`, { form: mk2(), maxRedirects: 0 })));
  console.log(rs2.map(r => r.status() + " " + r.headers()["location"]));
});
