import type { messagesJa } from "./messages.ja";

/** English messages for the messages feature (merged into en.ts). */
export const messagesEn: Record<keyof typeof messagesJa, string> = {
  "messages.title": "Messages",
};
