import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDuration } from "../src/duration.ts";

test("An hour and a half", () => {
  assert.equal(parseDuration("1h30m"), 90);
});
