import { z } from "zod";

export const MESSAGE_MAX = 2000;

/** The key a form carries so that submitting it twice posts one message. */
export const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** The reply form of a thread page. An unusable submission key is dropped (the message is still posted once). */
export const ReplySchema = z.object({
  body: z.string().trim().min(1, "v.required").max(MESSAGE_MAX, `v.tooLong?max=${MESSAGE_MAX}`),
  submissionKey: z
    .string()
    .optional()
    .transform((v) => (v && SUBMISSION_KEY.test(v) ? v : undefined)),
});

export type ReplyInput = z.infer<typeof ReplySchema>;
