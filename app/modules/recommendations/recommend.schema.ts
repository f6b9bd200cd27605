import { z } from "zod";
import { formId } from "~/utils/zod-number";

/** The organisation's invitation button: which person to invite (the posting comes from the URL). */
export const InviteVolunteerSchema = z.object({
  intent: z.literal("invite", { error: "v.choice" }),
  userId: formId(),
});
