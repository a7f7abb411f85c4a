/**
 * The size, as a power of two, of an open-addressing table for up to `most` keys at a load of
 * at most a half (at least 16 slots): the blocking's pair ids and u's one-edit index size theirs alike.
 */
export function halfLoadBits(most: number): number {
  let bits = 4;
  while (1 << bits < 2 * most) bits++;
  return bits;
}
