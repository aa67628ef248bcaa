#!/usr/bin/env node
// Independent RFC 8785 oracle for tests/core/params/tst_canonicaljson.cpp.
//
// Usage: node canonicalize.js FILE...
// For each FILE, in order, prints one line "SHA256HEX BASE64", where BASE64 is the UTF-8 of the RFC 8785
// canonical form of the JSON in FILE (as produced by the npm package `canonicalize`, written by one of the
// RFC's authors) and SHA256HEX is its SHA-256 from node's crypto. Base64 keeps every line free of newlines
// whatever the document holds. On any error, writes the file name and reason to stderr and exits 1, so the
// caller never mistakes a partial answer for a complete one.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node canonicalize.js FILE...\n');
  process.exit(2);
}

const lines = [];
for (const file of files) {
  try {
    // JSON.parse rounds every number to a double, which is what RFC 8785 section 3.2.2.3 prescribes.
    const canonical = Buffer.from(canonicalize(JSON.parse(readFileSync(file, 'utf8'))), 'utf8');
    lines.push(`${createHash('sha256').update(canonical).digest('hex')} ${canonical.toString('base64')}`);
  } catch (error) {
    process.stderr.write(`${file}: ${error.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(lines.join('\n') + '\n');
