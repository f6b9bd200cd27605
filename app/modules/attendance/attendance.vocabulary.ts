/** The words of attendance, shared by the browser and the server. */
export const ATTENDANCE_STATUSES = ["present", "late", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** What a tap on the check-in page (or a self check-in) asks for. */
export const TAP_ACTIONS = ["present", "late", "absent", "check_out"] as const;
export type TapAction = (typeof TAP_ACTIONS)[number];

export const ATTENDANCE_SOURCES = ["group", "self", "walk_in"] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

export const CERTIFICATE_STATES = ["valid", "revoked", "invalid"] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];
