import { useEffect, useState } from "react";

/** Why the server refused a tap, as a message key: the same words with JavaScript (beside the person) and without. */
export const TAP_MESSAGES: Record<string, string> = {
  "not-found": "attendance.error.notFound",
  locked: "attendance.error.locked",
  "not-checked-in": "attendance.error.notCheckedIn",
  "out-before-in": "attendance.error.outBeforeIn",
  future: "attendance.error.future",
  "before-session": "attendance.error.beforeSession",
};

const EVENT = "tsunagu:tap-answer";

/** Which row a tap's fields are for: "a<applicationId>" or "w<attendanceId>", as the check-in list keys its rows. */
export function tapTarget(fields: Record<string, string>): string {
  return fields.applicationId ? `a${fields.applicationId}` : `w${fields.attendanceId}`;
}

/** The queue tells a row what became of its tap: refused (with the message key), or sent again (null clears it). */
export function announceTapAnswer(target: string, message: string | null): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { target, message } }));
}

/** The refusal to show beside one person, until a new tap for them is sent. */
export function useTapRefusal(target: string): string | null {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ target: string; message: string | null }>).detail;
      if (detail.target === target) setMessage(detail.message);
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [target]);
  return message;
}
