/**
 * A user's own linker, as it might sit in their code base: link each nDelius record to every
 * NDTMS episode with the same date of birth, sex and initials. The tables are the
 * Splink-ready columns the bench exports (unique_id, initials, dob, sex, ...).
 */
import { strings, type Table } from 'pathways-bench';

export function myLinker(left: Table, right: Table): { left: string[]; right: string[] } {
  const key = (t: Table, i: number) => {
    const [dob, sex, initials] = [strings(t, 'dob')[i], strings(t, 'sex')[i], strings(t, 'initials')[i]];
    return dob && sex && initials ? `${dob}|${sex}|${initials}` : null;
  };
  const byKey = new Map<string, string[]>();
  const rightIds = strings(right, 'unique_id');
  for (let j = 0; j < right.rowCount; j++) {
    const k = key(right, j);
    if (k !== null) byKey.set(k, [...(byKey.get(k) ?? []), rightIds[j] ?? '']);
  }
  const links = { left: [] as string[], right: [] as string[] };
  const leftIds = strings(left, 'unique_id');
  for (let i = 0; i < left.rowCount; i++) {
    const k = key(left, i);
    for (const r of (k === null ? undefined : byKey.get(k)) ?? []) {
      links.left.push(leftIds[i] ?? '');
      links.right.push(r);
    }
  }
  return links;
}
