import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "#db/client.server";
import {
  createDevMailboxTransport,
  createResendTransport,
  EmailSendError,
  isRetryableProviderError,
  type OutgoingEmail,
} from "./transport.server";

const email: OutgoingEmail = {
  id: "42",
  to: "hanako@example.jp",
  from: "つなぐ八幡東 <no-reply@tsunagu.example>",
  subject: "【つなぐ八幡東】メールアドレスの確認のお願い",
  html: "<p>こんにちは</p>",
  text: "こんにちは\n",
};

describe("dev mailbox transport", () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = openDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("stores the email in dev_emails with the job id", async () => {
    const transport = createDevMailboxTransport(handle.db);
    expect(transport.name).toBe("dev-mailbox");
    await transport.send(email);
    const rows = await handle.db.selectFrom("dev_emails").selectAll().where("job_id", "=", 42).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      job_id: 42,
      to_address: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
    expect(rows[0].created_at).toBeInstanceOf(Date);
  });

  it("stores one copy when the same job is sent again (a worker that died before marking it done)", async () => {
    const transport = createDevMailboxTransport(handle.db);
    await transport.send({ ...email, id: "43" });
    await transport.send({ ...email, id: "43" });
    const rows = await handle.db.selectFrom("dev_emails").select("id").where("job_id", "=", 43).execute();
    expect(rows).toHaveLength(1);
  });

  it("stores a null job id when the id is not a job number", async () => {
    const transport = createDevMailboxTransport(handle.db);
    await transport.send({ ...email, id: "preview-1", to: "preview@example.jp" });
    const row = await handle.db.selectFrom("dev_emails").selectAll().where("to_address", "=", "preview@example.jp").executeTakeFirstOrThrow();
    expect(row.job_id).toBeNull();
  });

  it("refuses an address with a line break, permanently", async () => {
    const transport = createDevMailboxTransport(handle.db);
    await expect(transport.send({ ...email, id: "44", to: "a@example.jp\r\nBcc: x@y" })).rejects.toMatchObject({ retryable: false });
  });
});

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface FakeProvider {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

type Reply = { status: number; body?: unknown; raw?: string } | "hang";

/** A real HTTP server on 127.0.0.1 that records each request and answers with the next scripted reply. */
async function startFakeProvider(...replies: Reply[]): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const reply = replies.length > 1 ? replies.shift()! : replies[0] ?? { status: 200, body: { id: "email-1" } };
      if (reply === "hang") return; // never answers; closed by close()
      if (reply.raw !== undefined) {
        res.writeHead(reply.status, { "content-type": "text/plain" });
        res.end(reply.raw);
        return;
      }
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("Resend transport (against a local HTTP server)", () => {
  let provider: FakeProvider | undefined;

  afterEach(async () => {
    await provider?.close();
    provider = undefined;
    vi.unstubAllEnvs();
  });

  it("posts the email to /emails with the key, the idempotency key and the JSON body", async () => {
    provider = await startFakeProvider({ status: 200, body: { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" } });
    const transport = createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url });
    expect(transport.name).toBe("resend");

    await transport.send(email);

    expect(provider.requests).toHaveLength(1);
    const [request] = provider.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/emails");
    expect(request.headers.authorization).toBe("Bearer re_test_123");
    expect(request.headers["idempotency-key"]).toBe("tsunagu-email-42");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
  });

  it("sends the same idempotency key when the same job is sent twice", async () => {
    provider = await startFakeProvider({ status: 200, body: { id: "same" } });
    const transport = createResendTransport({ apiKey: "re_test_123", baseUrl: `${provider.url}/` });
    await transport.send({ ...email, id: "7" });
    await transport.send({ ...email, id: "7" });
    expect(provider.requests.map((r) => r.path)).toEqual(["/emails", "/emails"]);
    expect(provider.requests.map((r) => r.headers["idempotency-key"])).toEqual(["tsunagu-email-7", "tsunagu-email-7"]);
  });

  it("reads the base URL from RESEND_BASE_URL when no baseUrl is given", async () => {
    provider = await startFakeProvider({ status: 200, body: { id: "x" } });
    vi.stubEnv("RESEND_BASE_URL", provider.url);
    await createResendTransport({ apiKey: "re_env" }).send(email);
    expect(provider.requests).toHaveLength(1);
  });

  it("cleans the subject again before it leaves", async () => {
    provider = await startFakeProvider({ status: 200, body: { id: "x" } });
    await createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send({ ...email, subject: "件名\r\nBcc: x@y" });
    expect(JSON.parse(provider.requests[0].body).subject).toBe("件名 Bcc: x@y");
  });

  it("a 500 answer rejects with retryable true", async () => {
    provider = await startFakeProvider({
      status: 500,
      body: { statusCode: 500, name: "internal_server_error", message: "An unexpected error occurred." },
    });
    const send = createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send(email);
    await expect(send).rejects.toBeInstanceOf(EmailSendError);
    await expect(send).rejects.toMatchObject({
      retryable: true,
      code: "internal_server_error",
      statusCode: 500,
      message: expect.stringContaining("An unexpected error occurred."),
    });
  });

  it("a 502 with a non-JSON body rejects with retryable true", async () => {
    provider = await startFakeProvider({ status: 502, raw: "<html>Bad Gateway</html>" });
    await expect(createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send(email)).rejects.toMatchObject({
      retryable: true,
      statusCode: 502,
    });
  });

  it("a 429 rate limit rejects with retryable true", async () => {
    provider = await startFakeProvider({
      status: 429,
      body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
    });
    await expect(createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send(email)).rejects.toMatchObject({
      retryable: true,
      code: "rate_limit_exceeded",
    });
  });

  it("a 422 validation error rejects with retryable false", async () => {
    provider = await startFakeProvider({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
    });
    const send = createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send(email);
    await expect(send).rejects.toMatchObject({
      name: "EmailSendError",
      retryable: false,
      provider: "resend",
      code: "validation_error",
      statusCode: 422,
      message: "resend validation_error (HTTP 422): Invalid `to` field.",
    });
  });

  it("an unreachable provider rejects with retryable true", async () => {
    provider = await startFakeProvider();
    const deadUrl = provider.url;
    await provider.close();
    provider = undefined;
    await expect(createResendTransport({ apiKey: "re_test_123", baseUrl: deadUrl }).send(email)).rejects.toMatchObject({
      retryable: true,
      statusCode: null,
    });
  });

  it("a provider that never answers times out with retryable true", async () => {
    provider = await startFakeProvider("hang");
    const started = Date.now();
    await expect(createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url, timeoutMs: 300 }).send(email)).rejects.toMatchObject({
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses an address with a line break without calling the provider", async () => {
    provider = await startFakeProvider();
    await expect(
      createResendTransport({ apiKey: "re_test_123", baseUrl: provider.url }).send({ ...email, to: "a@example.jp\nBcc: x@y" }),
    ).rejects.toMatchObject({ retryable: false });
    expect(provider.requests).toHaveLength(0);
  });

  it("needs an API key (the client would otherwise fall back to the environment silently)", () => {
    expect(() => createResendTransport({ apiKey: "" })).toThrow(/apiKey/);
  });
});

describe("isRetryableProviderError", () => {
  it.each([
    [{ name: "rate_limit_exceeded", statusCode: 429, message: "" }, true],
    [{ name: "daily_quota_exceeded", statusCode: 429, message: "" }, true],
    [{ name: "internal_server_error", statusCode: 500, message: "" }, true],
    [{ name: "application_error", statusCode: null, message: "Unable to fetch data." }, true],
    [{ name: "concurrent_idempotent_requests", statusCode: 409, message: "" }, true],
    [{ name: "validation_error", statusCode: 422, message: "" }, false],
    [{ name: "validation_error", statusCode: 400, message: "" }, false],
    [{ name: "invalid_idempotent_request", statusCode: 409, message: "" }, false],
    [{ name: "invalid_api_key", statusCode: 403, message: "" }, false],
    [{ name: "missing_required_field", statusCode: 422, message: "" }, false],
    [{ message: "no name, no status" }, true],
  ] as const)("%j → %s", (error, expected) => {
    expect(isRetryableProviderError(error as never)).toBe(expected);
  });
});
