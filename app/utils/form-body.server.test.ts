import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FORM_BYTES, readFormData } from "./form-body.server";
import { dbId, toDbId } from "./zod-number";

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
}

const post = (body: BodyInit | null, contentType?: string, extra: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers: { ...(contentType ? { "Content-Type": contentType } : {}), ...extra } });

describe("readFormData: the one place a body becomes form fields (ADR 020)", () => {
  it("refuses what is not a form with 415, and a multipart body it cannot read with 400", async () => {
    expect(await statusOf(readFormData(post('{"a":1}', "application/json")))).toBe(415);
    expect(await statusOf(readFormData(post("a=1", "text/plain")))).toBe(415);
    expect(await statusOf(readFormData(post("<a>1</a>", "application/xml")))).toBe(415);
    expect(await statusOf(readFormData(new Request("http://localhost/x", { method: "POST", body: new Uint8Array([97, 61, 49]) })))).toBe(415);
    expect(await statusOf(readFormData(post("--x\r\n", "multipart/form-data")))).toBe(400);
    expect(await statusOf(readFormData(post("this is not multipart", "multipart/form-data; boundary=abc")))).toBe(400);
  });

  it("reads both encodings an HTML form sends", async () => {
    const url = await readFormData(post("name=%E5%B1%B1%E7%94%B0&tag=a&tag=b", "application/x-www-form-urlencoded; charset=UTF-8"));
    expect(url.get("name")).toBe("山田");
    expect(url.getAll("tag")).toEqual(["a", "b"]);
    const multipart = new FormData();
    multipart.append("name", "山田");
    multipart.append("file", new Blob(["x"]), "x.txt");
    const read = await readFormData(new Request("http://localhost/x", { method: "POST", body: multipart }));
    expect(read.get("name")).toBe("山田");
    expect(read.has("file")).toBe(false);
  });

  it("removes control characters other than tab and line breaks from names and values", async () => {
    const form = await readFormData(post("a%00b=x%00y%01%1B%7F%C2%85z&text=line1%0D%0Aline2%09tab", "application/x-www-form-urlencoded"));
    expect([...form.keys()]).toEqual(["ab", "text"]);
    expect(form.get("ab")).toBe("xyz");
    expect(form.get("text")).toBe("line1\r\nline2\ttab");
  });

  it("refuses a body over 1 MB with 413, by its declared length or by what arrives", async () => {
    const big = `a=${"x".repeat(MAX_FORM_BYTES)}`;
    expect(await statusOf(readFormData(post(big, "application/x-www-form-urlencoded")))).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        c.close();
      },
    });
    const chunked = new Request("http://localhost/x", { method: "POST", body: stream, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
    expect(await statusOf(readFormData(chunked))).toBe(413);
    expect(await statusOf(readFormData(post(`a=${"x".repeat(1000)}`, "application/x-www-form-urlencoded")))).toBe(200);
  });

  it("is the only way routes read a form (no route calls request.formData())", () => {
    const dir = path.resolve("app/routes");
    const offenders = readdirSync(dir).filter((f) => /request\s*\.\s*(clone\(\)\s*\.\s*)?formData\s*\(/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("dbId / toDbId: the one rule for ids (PostgreSQL integer)", () => {
  it("accepts 1…2147483647 (full-width digits too) and nothing else", () => {
    expect(toDbId("1")).toBe(1);
    expect(toDbId("２１４７４８３６４７")).toBe(2147483647);
    for (const bad of ["0", "-1", "2147483648", "99999999999999999999", "1e3", "1.5", "", " ", "01", "abc", "1\u0000"]) expect(toDbId(bad), bad).toBeNull();
    expect(dbId().safeParse("2147483648").success).toBe(false);
    expect(dbId().safeParse("42").data).toBe(42);
  });
});
