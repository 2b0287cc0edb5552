// Removes trailing blanks in the sources and tests.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const folder of ["src", "tests"]) {
  if (!existsSync(join(root, folder))) continue;
  for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith(".ts"))) {
    const path = join(root, folder, file);
    const text = readFileSync(path, "utf8");
    const formatted = text.replace(/[ \t]+$/gm, "");
    if (formatted !== text) writeFileSync(path, formatted);
  }
}
