// A type-strip for the subset of TypeScript this repository is written in: interfaces, type aliases, and the
// annotations of parameters, variables and return values (primitive or capitalised type names, arrays, "| undefined").
// tsc is not on the machine; Node 20 runs the result. Anything outside the subset must not be written here.
export function stripTypes(source) {
  return source
    .replace(/^(export\s+)?interface\s+\w+\s*\{[\s\S]*?^\}\s*$/gm, "")
    .replace(/^(export\s+)?type\s+\w+\s*=[^;]*;\s*$/gm, "")
    .replace(/(from\s+["'][^"']+)\.ts(["'])/g, "$1.mjs$2")
    .replace(/:\s*(?:readonly\s+)?(?:number|string|boolean|void|[A-Z]\w*)(?:\[\])?(?:\s*\|\s*(?:undefined|null))?(?=\s*[,)=;{])/g, "");
}
