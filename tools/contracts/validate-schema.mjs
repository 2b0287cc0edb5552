// Validates configuration documents against Squad's JSON Schemas (draft 2020-12) with Ajv.
// stdin: { "schema": <schema object>, "documents": [{ "name": "...", "document": <JSON> }] }
// stdout: one line per problem ("name: /path message"); exit code 1 when a document is invalid, 0 when all are valid.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const input = JSON.parse(readFileSync(0, "utf8"));
// Strict about unknown keywords; "not: required" and "anyOf: required" name properties defined beside them, which strictRequired misreads.
const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
const validate = ajv.compile(input.schema);
let invalid = 0;
for (const { name, document } of input.documents) {
  if (!validate(document)) {
    invalid++;
    for (const error of validate.errors) {
      console.log(`${name}: ${error.instancePath || "/"} ${error.message}${error.params?.additionalProperty ? ` '${error.params.additionalProperty}'` : ""}`);
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
