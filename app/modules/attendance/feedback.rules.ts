/**
 * What a group may see of the answers to "また参加したい？" for a session: counts, and the comments without names
 * in an order that says nothing of who answered when — and nothing but how many answered while fewer than
 * MIN_ANSWERS_SHOWN did, since with one or two answers a count points at a person.
 */
export const MIN_ANSWERS_SHOWN = 3;

export type FeedbackCounts =
  | { answered: number; shown: false }
  | { answered: number; shown: true; again: number; notAgain: number; comments: string[] };

export function countedFeedback(answers: { again: boolean; comment: string }[]): FeedbackCounts {
  const answered = answers.length;
  if (answered < MIN_ANSWERS_SHOWN) return { answered, shown: false };
  const again = answers.filter((a) => a.again).length;
  const comments = answers
    .map((a) => a.comment.trim())
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, "ja"));
  return { answered, shown: true, again, notAgain: answered - again, comments };
}
