#!/usr/bin/env node
// Verifies that the committed typed documents in client/src/gql match what GraphQL Code Generator
// produces from schema.graphql and the client's .graphql documents, without writing anything.
// Exits 1 when they differ, so CI catches a forgotten `npm run codegen`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outputDir = path.join(repoRoot, 'client', 'src', 'gql');

async function listFiles(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else files.push(full);
  }
  return files;
}

async function readIfExists(file) {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

const loaded = await loadCodegenConfig({ configFilePath: path.join(repoRoot, 'codegen.ts') });
if (!loaded) {
  console.error('codegen.ts was not found at the repository root');
  process.exit(2);
}
const config = { ...loaded.config, silent: true };
const cwd = config.cwd ?? repoRoot;
const outputs = await generate(config, false);

const problems = [];
const expected = new Set();
for (const output of outputs) {
  const file = path.resolve(cwd, output.filename);
  expected.add(file);
  const onDisk = await readIfExists(file);
  if (onDisk === null) problems.push(`missing ${path.relative(repoRoot, file)}`);
  else if (onDisk !== output.content) problems.push(`differs ${path.relative(repoRoot, file)}`);
}
for (const file of await listFiles(outputDir)) {
  if (!expected.has(file)) problems.push(`not generated ${path.relative(repoRoot, file)}`);
}

if (problems.length > 0) {
  console.error('client/src/gql is stale: run npm run codegen');
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`client/src/gql is current (${outputs.length} files)`);
