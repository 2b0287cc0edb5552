// Strips the types of src/*.ts and tests/*.ts into .out/ and runs the tests with node:test.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stripTypes } from "./strip-types.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".out");
rmSync(out, { recursive: true, force: true });
const tests = [];
for (const folder of ["src", "tests"]) {
  if (!existsSync(join(root, folder))) continue;
  mkdirSync(join(out, folder), { recursive: true });
  for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith(".ts"))) {
    const target = join(out, folder, file.replace(/\.ts$/, ".mjs"));
    writeFileSync(target, stripTypes(readFileSync(join(root, folder, file), "utf8")));
    if (folder === "tests") tests.push(target);
  }
}
const reporter = pathToFileURL(join(root, "scripts", "reporter.mjs")).href;
const run = spawnSync(process.execPath, ["--test", `--test-reporter=${reporter}`, ...tests], { stdio: "inherit" });
process.exit(run.status ?? 1);
