import type { SchoolThreadsNote } from "~/modules/schools/schools.rules";
import { useT } from "~/utils/use-i18n";

/** The one sentence on whether a school's coordinators read its under-18 students' conversations with groups. */
export function TeacherReadsNote({ school, withName = false }: { school: Pick<SchoolThreadsNote, "name" | "readsMinorThreads">; withName?: boolean }) {
  const t = useT();
  const sentence = t(school.readsMinorThreads ? "schools.home.threadsOn" : "schools.home.threadsOff");
  return <p data-testid="teacher-reads-note">{withName ? `${school.name}：${sentence}` : sentence}</p>;
}
