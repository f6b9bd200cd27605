import type { Migration } from "kysely";
import * as m0001 from "./0001_core";
import * as m0002 from "./0002_search";
import * as m0003 from "./0003_applications";
import * as m0004 from "./0004_search_summary";
import * as m0005 from "./0005_concerns";
import * as m0006 from "./0006_safeguarding_review";
import * as m0007 from "./0007_minors";
import * as m0008 from "./0008_search_pending_list";
import * as m0009 from "./0009_search_filter_indexes";
import * as m0010 from "./0010_search_changes";
import * as m0011 from "./0011_check_records_retention";
import * as m0017 from "./0017_attendance";
import * as m0019 from "./0019_parks";
import * as m0022 from "./0022_shift_places_summary";
import * as m0020 from "./0020_minors_open_and_meeting_point";
import * as m0018 from "./0018_recruitment";
import * as m0025 from "./0025_recruitment_departed_counts";
import * as m0026 from "./0026_report_participation_index";
import * as m0027 from "./0027_attendance_report_columns";
import * as m0024 from "./0024_recruitment_seat_history";
import * as m0023 from "./0023_report_counters";

// An explicit index rather than a folder scan: it survives bundling and needs no dynamic import of .ts files.
export const migrations: Record<string, Migration> = {
  "0001_core": m0001,
  "0002_search": m0002,
  "0003_applications": m0003,
  "0004_search_summary": m0004,
  "0005_concerns": m0005,
  "0006_safeguarding_review": m0006,
  "0007_minors": m0007,
  "0008_search_pending_list": m0008,
  "0009_search_filter_indexes": m0009,
  "0010_search_changes": m0010,
  "0011_check_records_retention": m0011,
  "0017_attendance": m0017,
  "0019_parks": m0019,
  "0022_shift_places_summary": m0022,
  "0020_minors_open_and_meeting_point": m0020,
  "0018_recruitment": m0018,
  "0025_recruitment_departed_counts": m0025,
  "0024_recruitment_seat_history": m0024,
  "0023_report_counters": m0023,
  "0026_report_participation_index": m0026,
  "0027_attendance_report_columns": m0027,
};
