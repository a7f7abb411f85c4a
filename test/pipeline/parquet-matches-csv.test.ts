/**
 * Every table's Parquet holds exactly the rows of its CSV, with the types the table contract
 * declares: the Parquet is made by parsing our CSV with the dialect and types declared and
 * nothing sniffed, so a quoting, null or date slip would show here as rows in one and not the other.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, tempDir } from '../helpers.ts';
import { TABLES } from '../../src/records/tables.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';
import { DUCK_TYPE, sqlString } from '../../src/io/duckdb-sql.ts';
import type { ColumnKind } from '../../src/io/table.ts';
const SPECS: Record<string, { columns: Record<string, ColumnKind> }> = { ...TABLES, ...TRUTH_TABLES };

describe('Parquet and CSV', () => {
  it('hold the same rows, in the declared types, for every table of a run', async () => {
    const dir = join(tempDir('pq'), 'run');
    const r = cli(['generate', '--scale', '0.02', '--seed', '11', '--format', 'both', '--progress', 'none', '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { rowCounts: Record<string, number>; tables: Record<string, { side: string }> };
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      expect(Object.keys(manifest.tables).length).toBe(18);
      for (const [name, { side }] of Object.entries(manifest.tables)) {
        const spec = SPECS[name];
        expect(spec, name).toBeDefined();
        const parquet = `read_parquet(${sqlString(join(dir, side, `${name}.parquet`))})`;
        const types = Object.entries(spec.columns).map(([n, k]) => `${sqlString(n)}: ${sqlString(DUCK_TYPE[k])}`).join(', ');
        // Read as a user would: DuckDB's own CSV defaults, only the types and null text given.
        const csv = `read_csv(${sqlString(join(dir, side, `${name}.csv`))}, header = true, nullstr = '', columns = {${types}})`;

        const schema = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`)).getRowObjectsJS();
        expect(schema.map((c) => [c.column_name, c.column_type]), name).toEqual(Object.entries(spec.columns).map(([n, k]) => [n, DUCK_TYPE[k]]));

        const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
        expect(await count(`SELECT count(*) FROM ${parquet}`), name).toBe(manifest.rowCounts[name]);
        expect(await count(`SELECT count(*) FROM (SELECT * FROM ${parquet} EXCEPT ALL SELECT * FROM ${csv})`), `${name}: rows only in Parquet`).toBe(0);
        expect(await count(`SELECT count(*) FROM (SELECT * FROM ${csv} EXCEPT ALL SELECT * FROM ${parquet})`), `${name}: rows only in CSV`).toBe(0);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
