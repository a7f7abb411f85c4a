/** NDTMS holds a client's initials: the first letter of the forename and of the surname. */

/** The few hundred pairs of initials, each made once and shared by every record that has it. */
const initialsCache = new Map<number, string>();

export function initials(forename: string | null, surname: string | null): string | null {
  if (!forename || !surname) return null;
  const key = forename.charCodeAt(0) * 65536 + surname.charCodeAt(0);
  let text = initialsCache.get(key);
  if (text === undefined) {
    text = (forename[0] + surname[0]).toUpperCase();
    initialsCache.set(key, text);
  }
  return text;
}
