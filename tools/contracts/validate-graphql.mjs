// Validates GraphQL documents against a schema (SDL) with graphql-js.
// Usage: node validate-graphql.mjs <schema.graphql> < documents.json   (a JSON array of document strings)
// Prints one JSON array with, per document, the list of error messages; exits 0 when all are valid, 1 otherwise.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';

const schemaPath = process.argv[2];
if (!schemaPath) {
  console.error('usage: node validate-graphql.mjs <schema.graphql> < documents.json');
  process.exit(2);
}

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const documents = JSON.parse(readFileSync(0, 'utf8'));
const results = documents.map((text) => {
  try {
    return validate(schema, parse(text)).map((error) => error.message);
  } catch (error) {
    return [`syntax: ${error.message}`];
  }
});

console.log(JSON.stringify(results));
process.exit(results.every((errors) => errors.length === 0) ? 0 : 1);
