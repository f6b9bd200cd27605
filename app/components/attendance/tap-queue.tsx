import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { useT } from "~/utils/use-i18n";
import { announceTapAnswer, TAP_MESSAGES, tapTarget } from "./tap-refusals";

const KEY = "tsunagu.attendance.queue";

interface QueuedTap {
  url: string;
  fields: Record<string, string>;
}

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

/**
 * With JavaScript, taps on the check-in page go into a queue kept on the phone (with the time of each tap)
 * and are sent at once, or when the phone is back online. The server knows each tap by its id, so sending
 * one twice counts it once. Without JavaScript each tap is a plain form post.
 */
export function TapQueue({ endpoint }: { endpoint: string }) {
  const t = useT();
  const revalidator = useRevalidator();
  const [pending, setPending] = useState(0);

  const flush = useCallback(async () => {
    let queue = readQueue();
    setPending(queue.length);
    while (queue.length && navigator.onLine !== false) {
      const tap = queue[0];
      let response: Response;
      try {
        response = await fetch(tap.url, { method: "POST", body: new URLSearchParams(tap.fields), headers: { Accept: "application/json" } });
      } catch {
        break;
      }
      // 5xx: try again later; anything else has been answered (saved, a duplicate, or refused for good).
      if (response.status >= 500) break;
      // A refusal is said beside the person, as the page says it without JavaScript.
      if (!response.ok) {
        const answer = (await response.json().catch(() => null)) as { result?: string } | null;
        announceTapAnswer(tapTarget(tap.fields), TAP_MESSAGES[answer?.result ?? ""] ?? "v.invalid");
      }
      queue = readQueue().filter((q) => q.fields.tapId !== tap.fields.tapId);
      writeQueue(queue);
      setPending(queue.length);
    }
    revalidator.revalidate();
  }, [revalidator]);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement;
      if (!form.matches("form[data-tap]")) return;
      event.preventDefault();
      // The pressed button carries the tap's action: without the submitter the server refused every queued tap.
      const fields = Object.fromEntries(new FormData(form, event.submitter).entries()) as Record<string, string>;
      fields.tappedAt = String(Date.now());
      const queue = readQueue();
      if (!queue.some((q) => q.fields.tapId === fields.tapId)) queue.push({ url: endpoint, fields });
      announceTapAnswer(tapTarget(fields), null);
      writeQueue(queue);
      form.closest("li")?.setAttribute("data-queued", "true");
      void flush();
    };
    const onOnline = () => void flush();
    // In the capture phase, before the router's own submit handler, which then sees the event handled and leaves
    // the tap to the queue (otherwise each tap went out twice: as a page post and, refused, from the queue).
    document.addEventListener("submit", onSubmit, true);
    window.addEventListener("online", onOnline);
    void flush();
    return () => {
      document.removeEventListener("submit", onSubmit, true);
      window.removeEventListener("online", onOnline);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endpoint]);

  return (
    <p role="status" aria-live="polite" className="min-h-6 text-sm">
      {pending > 0 ? t("attendance.queue.pending", { count: pending }) : null}
    </p>
  );
}
