/**
 * Identifiers in the formats the real systems use, made from an entity index through
 * bijections so that they are unique without a lookup table. Postcodes and NHS numbers are
 * fake by construction: inward codes start with a letter Royal Mail never uses there, and NHS
 * numbers come only from the 999 range reserved for testing.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** nDelius case reference number: one letter + 6 digits (X123456). */
export function crnFromIndex(index: number): string {
  // 104,729 is prime and shares no factor with 26,000,000, so this permutes 0..25,999,999.
  const n = (index * 104729 + 1234567) % 26_000_000;
  return LETTERS[Math.floor(n / 1_000_000)] + String(n % 1_000_000).padStart(6, '0');
}

const PNC_CHECK = 'ZABCDEFGHJKLMNPQRTUVWXY';

/** The PNC check character: the letter at (two-digit year followed by the 7-digit serial) mod 23. */
export function pncCheckCharacter(year: number, serial: number): string {
  const yy = String(year % 100).padStart(2, '0');
  const digits = Number(yy + String(serial).padStart(7, '0'));
  return PNC_CHECK[digits % 23];
}

/** Police National Computer number `YYYY/NNNNNNNC`. */
export function pncFromIndex(index: number, year: number): string {
  const serial = (index * 7919 + 4242) % 10_000_000;
  return `${year}/${String(serial).padStart(7, '0')}${pncCheckCharacter(year, serial)}`;
}

export function isValidPnc(pnc: string): boolean {
  const match = /^(\d{4})\/(\d{7})([A-Z])$/.exec(pnc);
  if (!match) return false;
  return pncCheckCharacter(Number(match[1]), Number(match[2])) === match[3];
}

/** p-NOMIS prison number: letter, 4 digits, 2 letters (A1234BC). */
export function prisonNumberFromIndex(index: number): string {
  const n = (index * 15485863 + 99991) % (26 * 10_000 * 676);
  const first = LETTERS[Math.floor(n / (10_000 * 676))];
  const rest = n % (10_000 * 676);
  const digits = String(Math.floor(rest / 676)).padStart(4, '0');
  const pair = rest % 676;
  return first + digits + LETTERS[Math.floor(pair / 26)] + LETTERS[pair % 26];
}

/** Modulus-11 check digit of the first nine digits, or null where the number would be invalid. */
export function nhsCheckDigit(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidTestNhsNumber(nhs: string): boolean {
  if (!/^999\d{7}$/.test(nhs)) return false;
  return nhsCheckDigit(nhs.slice(0, 9)) === Number(nhs[9]);
}

let testRange: Int32Array | null = null;

/** The six-digit middles that give a valid 999-range number (about 909,000 of a million). */
function validTestMiddles(): Int32Array {
  if (testRange) return testRange;
  const out: number[] = [];
  for (let m = 0; m < 1_000_000; m++) {
    if (nhsCheckDigit(`999${String(m).padStart(6, '0')}`) !== null) out.push(m);
  }
  testRange = Int32Array.from(out);
  return testRange;
}

/** How many distinct test NHS numbers exist: people beyond this get none. */
export function nhsTestCapacity(): number {
  return validTestMiddles().length;
}

/** A unique NHS number in the 999 test range for index < nhsTestCapacity(). */
export function nhsNumberFromIndex(index: number): string {
  const middles = validTestMiddles();
  if (index >= middles.length) throw new Error(`only ${middles.length} test NHS numbers exist; index ${index} is beyond them`);
  // A multiplicative permutation of the index space so that numbers do not run in order.
  const slot = Number((BigInt(index) * 600_011n + 7n) % BigInt(middles.length));
  const nine = `999${String(middles[slot]).padStart(6, '0')}`;
  return nine + String(nhsCheckDigit(nine));
}

/** Inward-code letters Royal Mail never uses: a unit starting with one cannot be a real postcode. */
const NEVER_IN_INWARD = 'CIKMOV';
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface PostcodeParts {
  area: string;
  district: number;
  sector: number;
}

export function postcodeText(parts: PostcodeParts, unitSeed: number): string {
  const a = NEVER_IN_INWARD[unitSeed % NEVER_IN_INWARD.length];
  const b = INWARD_LETTERS[Math.floor(unitSeed / NEVER_IN_INWARD.length) % INWARD_LETTERS.length];
  return `${parts.area}${parts.district} ${parts.sector}${a}${b}`;
}

export function isFakePostcode(postcode: string): boolean {
  const match = /^[A-Z]{1,2}\d{1,2} \d([A-Z])[A-Z]$/.exec(postcode);
  return match !== null && NEVER_IN_INWARD.includes(match[1]);
}

/** `LS6 2CX` -> `LS6 2`, the sector NDTMS holds. */
export function postcodeSector(postcode: string): string {
  return postcode.slice(0, postcode.length - 2);
}

