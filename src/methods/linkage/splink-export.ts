/**
 * Tables in the shape Splink reads as is, so the same records can be linked by Splink itself
 * and the two engines compared: `unique_id`, `source_dataset`, then the identifiers under
 * Splink's usual names. Both sides get the SAME columns (Splink's link_only wants that), null
 * where a system does not hold a field: NDTMS has no names, only initials. Dates are ISO text.
 * The caller writes the table as CSV (or Parquet).
 */
import { derive } from './encode.ts';
import { rawText } from './encode.ts';
import { getColumn, makeTable, stringColumn, type Table } from '../../io/table.ts';

export interface SplinkExportOptions {
  /** Value of the source_dataset column, e.g. "ndelius" or "ndtms". */
  sourceDataset: string;
  id: string;
  forename?: string;
  surname?: string;
  /** A column already holding initials (NDTMS); otherwise initials come from forename + surname. */
  initials?: string;
  dob: string;
  sex: string;
  /** A full postcode or a postcode sector. */
  postcode?: string;
  nhsNumber?: string;
}

export const SPLINK_COLUMNS = [
  'unique_id',
  'source_dataset',
  'first_name',
  'surname',
  'initials',
  'dob',
  'sex',
  'postcode',
  'postcode_sector',
  'postcode_district',
  'nhs_number',
] as const;

export const NDELIUS_SPLINK: SplinkExportOptions = {
  sourceDataset: 'ndelius',
  id: 'record_id',
  forename: 'forename',
  surname: 'surname',
  dob: 'dob',
  sex: 'sex',
  postcode: 'postcode',
  nhsNumber: 'nhs_number',
};

export const NDTMS_SPLINK: SplinkExportOptions = {
  sourceDataset: 'ndtms',
  id: 'episode_id',
  initials: 'initials',
  dob: 'dob',
  sex: 'sex',
  postcode: 'postcode_sector',
  nhsNumber: 'nhs_number',
};

/** One table in Splink's input shape. Throws if a named column is missing. */
export function splinkExport(table: Table, o: SplinkExportOptions): Table {
  const n = table.rowCount;
  const col = (name: string | undefined) => (name === undefined ? null : getColumn(table, name));
  const [id, forename, surname, initials, dob, sex, postcode, nhs] = [o.id, o.forename, o.surname, o.initials, o.dob, o.sex, o.postcode, o.nhsNumber].map(col);
  const text = (c: ReturnType<typeof col>, i: number): string | null => (c === null ? null : rawText(c, i));
  const out: Record<(typeof SPLINK_COLUMNS)[number], (string | null)[]> = Object.fromEntries(
    SPLINK_COLUMNS.map((c) => [c, new Array<string | null>(n)]),
  ) as never;
  for (let i = 0; i < n; i++) {
    out.unique_id[i] = text(id, i);
    out.source_dataset[i] = o.sourceDataset;
    const f = text(forename, i);
    const s = text(surname, i);
    out.first_name[i] = f;
    out.surname[i] = s;
    out.initials[i] = initials ? derive('initials', text(initials, i)) : derive('initials', f, s);
    out.dob[i] = derive('date', text(dob, i));
    out.sex[i] = derive('upper', text(sex, i));
    const pc = text(postcode, i);
    out.postcode[i] = pc === null ? null : derive('upper', pc);
    out.postcode_sector[i] = derive('postcode_sector', pc);
    out.postcode_district[i] = derive('postcode_district', pc);
    out.nhs_number[i] = derive('digits', text(nhs, i));
  }
  return makeTable(`${o.sourceDataset}_splink`, Object.fromEntries(SPLINK_COLUMNS.map((c) => [c, stringColumn(out[c])])));
}
