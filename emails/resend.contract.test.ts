import { describe, expect, it } from "vitest";
import { renderEmail } from "./render";
import { createResendTransport } from "./transport.server";

/*
 * Contract test against the real Resend API: sends one real email. It runs only when both
 *   RESEND_API_KEY       an API key allowed to send
 *   RESEND_CONTRACT_TO   the inbox that receives the test email
 * are set; RESEND_CONTRACT_FROM (or EMAIL_FROM) names a sender on a verified domain, otherwise Resend's shared
 * test sender is used (it only delivers to the account owner's own address).
 */
const apiKey = process.env.RESEND_API_KEY ?? "";
const to = process.env.RESEND_CONTRACT_TO ?? "";
const from = process.env.RESEND_CONTRACT_FROM || process.env.EMAIL_FROM || "Tsunagu Yahatahigashi <onboarding@resend.dev>";

const skipReason = !apiKey
  ? "SKIPPED because RESEND_API_KEY is not set"
  : !to
    ? "SKIPPED because RESEND_CONTRACT_TO is not set"
    : null;

describe.skipIf(skipReason !== null)(
  skipReason ? `Resend contract test — ${skipReason} (set RESEND_API_KEY and RESEND_CONTRACT_TO to send one real email)` : "Resend contract test — sends one real email",
  () => {
    it("sends a rendered email, and a repeat with the same idempotency key is accepted without a second email", async () => {
      const transport = createResendTransport({ apiKey, baseUrl: process.env.RESEND_BASE_URL || "https://api.resend.com" });
      const rendered = await renderEmail({
        template: "verify-email",
        to,
        locale: "ja",
        props: { name: "契約テスト", url: "https://tsunagu.example/verify?token=contract-test" },
      });
      const outgoing = { id: `contract-${Date.now()}`, to, from, ...rendered };
      await expect(transport.send(outgoing)).resolves.toBeUndefined();
      // Same id → same Idempotency-Key and the same body: Resend answers from its idempotency cache.
      await expect(transport.send(outgoing)).resolves.toBeUndefined();
    }, 60_000);
  },
);
