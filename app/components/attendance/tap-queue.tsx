import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/use-i18n";
import { announceTapAnswer, TAP_MESSAGES, tapTarget } from "./tap-refusals";
import { createTapSender, type QueuedTap, type SendResult } from "./tap-sender";

const KEY = "tsunagu.attendance.queue";

function readQueue(): QueuedTap[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as QueuedTap[];
  } catch {
    return [];
  }
}

function writeQueue(queue: QueuedTap[]) {
  localStorage.setItem(KEY, JSON.stringify(queue));
}

async function sendTap(tap: QueuedTap): Promise<SendResult> {
  let response: Response;
  try {
    // Not followed: a redirect means the phone was signed out (to the login page), not that the tap was saved.
    response = await fetch(tap.url, { method: "POST", body: new URLSearchParams(tap.fields), headers: { Accept: "application/json" }, redirect: "manual" });
  } catch {
    return { failed: true };
  }
  // 5xx or signed out: kept and tried again (after signing in again, the page sends it with its time); anything
  // else has been answered (saved, a duplicate, or refused for good).
  if (response.type === "opaqueredirect") return { failed: true, signedOut: true };
  if (response.status >= 500) return { failed: true };
  if (response.ok) return { ok: true };
  const answer = (await response.json().catch(() => null)) as { result?: string } | null;
  return { ok: false, status: response.status, reason: answer?.result ?? null };
}

/**
 * With JavaScript, taps on the check-in page go into a queue kept on the phone (with the time of each tap)
 * and are sent at once, one after another; one that could not be sent is tried again by itself, and at once when
 * the phone is back online (tap-sender.ts). The server knows each tap by its id, so sending one twice counts it
 * once. Without JavaScript each tap is a plain form post.
 */
export function TapQueue({ endpoint }: { endpoint: string }) {
  const t = useT();
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [pending, setPending] = useState(0);
  // The last send was answered by a redirect to the login page: the taps wait for the group to sign in again.
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    const sender = createTapSender({
      read: readQueue,
      write: writeQueue,
      send: async (tap) => {
        const result = await sendTap(tap);
        setSignedOut("failed" in result && result.signedOut === true);
        return result;
      },
      online: () => navigator.onLine !== false,
      later: (run, ms) => {
        const timer = window.setTimeout(run, ms);
        return () => window.clearTimeout(timer);
      },
      pending: setPending,
      // A refusal is said beside the person, as the page says it without JavaScript.
      refused: (tap, reason) => announceTapAnswer(tapTarget(tap.fields), TAP_MESSAGES[reason ?? ""] ?? "v.invalid"),
      answered: () => void revalidate.current(),
    });
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement;
      if (!form.matches("form[data-tap]")) return;
      event.preventDefault();
      // The pressed button carries the tap's action: without the submitter the server refused every queued tap.
      const fields = Object.fromEntries(new FormData(form, event.submitter).entries()) as Record<string, string>;
      fields.tappedAt = String(Date.now());
      announceTapAnswer(tapTarget(fields), null);
      form.closest("li")?.setAttribute("data-queued", "true");
      sender.add({ url: endpoint, fields });
    };
    const onOnline = () => void sender.flush();
    // In the capture phase, before the router's own submit handler, which then sees the event handled and leaves
    // the tap to the queue (otherwise each tap went out twice: as a page post and, refused, from the queue).
    document.addEventListener("submit", onSubmit, true);
    window.addEventListener("online", onOnline);
    // Taps kept from an earlier visit go out now.
    void sender.flush();
    return () => {
      sender.stop();
      document.removeEventListener("submit", onSubmit, true);
      window.removeEventListener("online", onOnline);
    };
  }, [endpoint]);

  return (
    <p role="status" aria-live="polite" className="min-h-6 text-sm">
      {pending > 0 && signedOut ? (
        <>
          {t("attendance.queue.signedOut", { count: pending })}{" "}
          <a href={`/login?redirectTo=${encodeURIComponent(endpoint.replace(/\/taps$/, "/check-in"))}`}>{t("attendance.queue.signIn")}</a>
        </>
      ) : pending > 0 ? (
        t("attendance.queue.pending", { count: pending })
      ) : null}
    </p>
  );
}
