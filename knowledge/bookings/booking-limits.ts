/**
 * How much one person may hold, so that nobody (an anonymous visitor included) can take every seat.
 * Defaults read from the partners' calendar: lab rooms hold 14 to 30 (a class), a person books one
 * edition of a course or one appointment of a service and may hold a second while changing date, a
 * teacher may bring a few classes to the lab sessions of one site.
 */
export interface BookingLimits {
  /** Seats one booking of a lab session may take: a class. Every other slot is booked one person at a time. */
  maxGroup: number;
  /** Active bookings (confirmed or waitlisted) one person may hold on the slots of one course, service or initiative. */
  perRef: number;
  /** Active bookings one person may hold on the lab sessions of one site. */
  labSessionsPerRef: number;
}

export const DEFAULT_BOOKING_LIMITS: Readonly<BookingLimits> = { maxGroup: 30, perRef: 2, labSessionsPerRef: 4 };

/** Only a lab session is booked for a group (a teacher and a class); everything else is personal. */
export const takesGroups = (kind: string): boolean => kind === 'lab';
