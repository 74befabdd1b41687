/** How a person's name is recognised and written, shared by the detectors and the site adapters. */

/** A name as people write theirs: two to four capitalised words, with the usual particles. */
export const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|den|da|di|du|la|le|dos|das|bin|al|ter|zu)){1,3}$/u;

/** Titles written before a name: on team and speaker cards, and in a CRM record's Name field ("Ms. …"). */
const HONORIFIC = /^(?:(?:Prof|Dr|Mr|Mrs|Ms|Mag|Dipl\.-Ing|Ing)\.?\s+)+/i;

/** The name without the titles before it: "Prof. Dr. Henrike Albers" → "Henrike Albers". */
export function withoutHonorific(name: string): string {
  return name.replace(HONORIFIC, '');
}
