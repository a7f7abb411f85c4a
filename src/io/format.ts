/** The dataset file formats a run can write; apart from datasets.ts so that `--help` need not load the writers. */
export type Format = 'csv' | 'parquet' | 'both';
export const FORMATS: Format[] = ['csv', 'parquet', 'both'];
