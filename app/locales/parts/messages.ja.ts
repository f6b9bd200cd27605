/** Japanese messages for the messages feature (merged into ja.ts). */
export const messagesJa = {
  "messages.title": "メッセージ",
} as const;
