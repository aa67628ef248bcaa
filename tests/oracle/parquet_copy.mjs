// Writes the rows of a query to a Parquet file with DuckDB, for the tests that need files with chosen codecs,
// row-group sizes and encodings: COPY (QUERY) TO 'FILE' (FORMAT parquet, KEY value, ...).
// Usage: node parquet_copy.mjs FILE.parquet "QUERY" [KEY=VALUE ...]  e.g. COMPRESSION=zstd ROW_GROUP_SIZE=1000
import { DuckDBInstance } from '@duckdb/node-api';

const [file, query, ...options] = process.argv.slice(2);
const settings = ['FORMAT parquet', ...options.map(option => option.replace('=', ' '))];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`copy (${query}) to '${file.replaceAll("'", "''")}' (${settings.join(', ')})`);
