// Prints a Parquet file as DuckDB reads it, for the tests that check our reader and writer against an
// independent implementation: a first line {"columns": [...], "types": [DuckDB type names]}, then one JSON
// array per row (DuckDB's JSON form: BIGINT, DECIMAL and TIMESTAMP as strings, BLOB as "\xHH" text).
// Usage: node parquet_rows.mjs FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(`select * from read_parquet('${file.replaceAll("'", "''")}')`);
const lines = [JSON.stringify({ columns: reader.columnNames(), types: reader.columnTypes().map(String) })];
for (const row of reader.getRowsJson())
    lines.push(JSON.stringify(row));
process.stdout.write(lines.join('\n') + '\n');
