import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateColumn, makeTable, strings, stringColumn } from '../../src/io/table.ts';
import { dayFromIso } from '../../src/io/dates.ts';
import { NDELIUS_SPLINK, NDTMS_SPLINK, SPLINK_COLUMNS, splinkExport } from '../../src/methods/linkage/splink-export.ts';

describe('Splink export', () => {
  it('gives both sides the same Splink columns, with derived initials and postcode parts', () => {
    const left = makeTable('ndelius', {
      record_id: stringColumn(['X1', 'X2']),
      forename: stringColumn(['john', null]),
      surname: stringColumn(['Smith', 'Jones']),
      dob: dateColumn(Int32Array.from([dayFromIso('1980-03-12'), dayFromIso('1975-01-01')])),
      sex: stringColumn(['m', 'F']),
      postcode: stringColumn(['ls6 2ab', null]),
      nhs_number: stringColumn(['999 123 4560', null]),
    });
    const right = makeTable('ndtms', {
      episode_id: stringColumn(['E1']),
      initials: stringColumn(['JS']),
      dob: dateColumn(Int32Array.from([dayFromIso('1980-03-12')])),
      sex: stringColumn(['M']),
      postcode_sector: stringColumn(['LS6 2']),
      nhs_number: stringColumn([null]),
    });
    const l = splinkExport(left, NDELIUS_SPLINK);
    const r = splinkExport(right, NDTMS_SPLINK);
    expect(Object.keys(l.columns)).toEqual([...SPLINK_COLUMNS]);
    expect(Object.keys(r.columns)).toEqual([...SPLINK_COLUMNS]);
    expect(strings(l, 'initials')).toEqual(['JS', null]);
    expect(strings(l, 'dob')).toEqual(['1980-03-12', '1975-01-01']);
    expect(strings(l, 'sex')).toEqual(['M', 'F']);
    expect(strings(l, 'postcode_sector')).toEqual(['LS6 2', null]);
    expect(strings(l, 'postcode_district')).toEqual(['LS6', null]);
    expect(strings(l, 'nhs_number')).toEqual(['9991234560', null]);
    expect(strings(r, 'first_name')).toEqual([null]);
    expect(strings(r, 'postcode_sector')).toEqual(['LS6 2']);
    expect(strings(r, 'source_dataset')).toEqual(['ndtms']);
  });

  it('methods/linkage imports nothing from the world or evaluation', () => {
    const dir = join(import.meta.dirname, '../../src/methods/linkage');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from\s+['"][^'"]*\/(world|evaluate)\//);
    }
  });
});
