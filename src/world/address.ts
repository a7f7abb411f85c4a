/**
 * Where a person lives: a home in one of the region's postcode areas, the local partnership
 * (DAT) it belongs to, and a previous address (mostly nearby) that records may still hold.
 */
import type { Rng } from '../random/stream.ts';
import { DISTRICTS_PER_AREA, SECTORS_PER_DISTRICT, datCode } from './geography.ts';
import { postcodeText } from './identifiers.ts';

export interface Address {
  postcode: string;
  previousPostcode: string;
  datCode: string;
}

export function drawAddress(rng: Rng, areas: readonly string[]): Address {
  const area = areas[Math.floor(rng.next() * areas.length)];
  const district = 1 + Math.floor(rng.next() * DISTRICTS_PER_AREA);
  const postcode = postcodeText({ area, district, sector: Math.floor(rng.next() * SECTORS_PER_DISTRICT) }, Math.floor(rng.next() * 1e6));
  const prevDistrict = rng.next() < 0.6 ? district : 1 + Math.floor(rng.next() * DISTRICTS_PER_AREA);
  const previousPostcode = postcodeText({ area, district: prevDistrict, sector: Math.floor(rng.next() * SECTORS_PER_DISTRICT) }, Math.floor(rng.next() * 1e6));
  return { postcode, previousPostcode, datCode: datCode(area, district) };
}
