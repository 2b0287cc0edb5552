// Refuses trailing blanks in the sources and tests.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let problems = 0;
for (const folder of ["src", "tests"]) {
  if (!existsSync(join(root, folder))) continue;
  for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith(".ts"))) {
    readFileSync(join(root, folder, file), "utf8").split("\n").forEach((line, i) => {
      if (/[ \t]+$/.test(line)) {
        problems++;
        console.log(`${folder}/${file}:${i + 1}: trailing blanks (run the format command)`);
      }
    });
  }
}
process.exit(problems === 0 ? 0 : 1);
