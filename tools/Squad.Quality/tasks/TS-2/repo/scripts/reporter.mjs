// One line per test: "PASS name" or "FAIL name: why", then a count.
export default async function* reporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type === "test:pass") {
      passed++;
      yield `PASS ${event.data.name}\n`;
    } else if (event.type === "test:fail") {
      failed++;
      const error = event.data.details?.error;
      yield `FAIL ${event.data.name}: ${(error?.cause ?? error)?.message ?? error}\n`;
    }
  }
  yield `${passed} passing, ${failed} not passing\n`;
}
