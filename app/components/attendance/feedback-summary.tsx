import type { FeedbackCounts } from "~/modules/attendance/feedback.rules";
import { useT } from "~/utils/use-i18n";

/** The answers to "また参加したい？" for a confirmed session, counted; nothing but how many answered until three did. */
export function FeedbackSummary({ feedback }: { feedback: FeedbackCounts }) {
  const t = useT();
  return (
    <section className="card space-y-2" aria-labelledby="feedback-heading" data-testid="feedback-summary">
      <h2 id="feedback-heading">{t("attendance.feedback.summaryTitle")}</h2>
      {feedback.shown ? (
        <>
          <p className="font-semibold">{t("attendance.feedback.counts", { again: feedback.again, notAgain: feedback.notAgain, answered: feedback.answered })}</p>
          {feedback.comments.length ? (
            <ul className="list-disc space-y-1 pl-5">
              {feedback.comments.map((comment, i) => (
                <li key={i} className="whitespace-pre-wrap break-words">
                  {comment}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>{t("attendance.feedback.tooFew", { answered: feedback.answered })}</p>
      )}
    </section>
  );
}
