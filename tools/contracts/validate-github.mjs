// Checks requests a GitHub client sent against GitHub's OpenAPI description (@octokit/openapi).
// stdin: a JSON array of { method, path, query, body } (path as sent, query without "?", body as JSON text or "").
// stdout: one line per problem; exit code 1 when there is any, 0 when all requests are valid.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL(".", import.meta.url));
const specPath = process.env.GITHUB_OPENAPI
  ?? require.resolve("@octokit/openapi/generated/api.github.com.deref.json", { paths: [here] });
const spec = JSON.parse(readFileSync(specPath, "utf8"));
const requests = JSON.parse(readFileSync(0, "utf8"));

// OpenAPI 3.0 schemas: `nullable` is understood by Ajv; examples and other annotations are not keywords.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/); // GitHub's own format: owner/name

// Only git references may span several segments (refs/heads/feature/a); other parameters are one segment.
const multiSegment = new Set(["{ref}", "{path}", "{branch}"]);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const templates = Object.keys(spec.paths).map((template) => {
  const parts = template.split(/(\{[^}]+\})/);
  const strict = parts.map((p) => (p.startsWith("{") ? "([^/]+)" : escape(p))).join("");
  const loose = parts.map((p) => (multiSegment.has(p) ? "(.+)" : p.startsWith("{") ? "([^/]+)" : escape(p))).join("");
  const params = parts.filter((p) => p.startsWith("{")).length;
  return { template, strict: new RegExp(`^${strict}$`), loose: new RegExp(`^${loose}$`), params };
});

function findOperation(method, path) {
  const byFewestParams = (a, b) => a.params - b.params;
  for (const kind of ["strict", "loose"]) {
    const matches = templates.filter((t) => t[kind].test(path) && spec.paths[t.template][method]).sort(byFewestParams);
    if (matches.length > 0) return { template: matches[0].template, operation: spec.paths[matches[0].template][method] };
  }
  return null;
}

const validators = new Map();
function validatorFor(template, method, schema) {
  const key = `${method} ${template}`;
  if (!validators.has(key)) validators.set(key, ajv.compile(schema));
  return validators.get(key);
}

const problems = [];
for (const request of requests) {
  const method = request.method.toLowerCase();
  const what = `${request.method} ${request.path}`;
  const found = findOperation(method, request.path);
  if (!found) {
    problems.push(`${what}: no such operation in GitHub's OpenAPI description`);
    continue;
  }

  const { template, operation } = found;
  const known = new Set((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
  for (const name of new URLSearchParams(request.query ?? "").keys()) {
    if (!known.has(name)) problems.push(`${what} (${template}): unknown query parameter '${name}'`);
  }

  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const text = request.body ?? "";
  if (text === "") {
    if (operation.requestBody?.required) problems.push(`${what} (${template}): the operation requires a body and none was sent`);
    continue;
  }

  if (!schema) {
    problems.push(`${what} (${template}): a body was sent but the operation takes none`);
    continue;
  }

  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    problems.push(`${what} (${template}): the body is not JSON (${error.message})`);
    continue;
  }

  const validate = validatorFor(template, method, schema);
  if (!validate(body)) {
    for (const error of validate.errors) {
      problems.push(`${what} (${template}): body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}

for (const problem of problems) console.log(problem);
console.error(`checked ${requests.length} request(s) against ${spec.info.title} ${spec.info.version}: ${problems.length} problem(s)`);
process.exit(problems.length > 0 ? 1 : 0);
