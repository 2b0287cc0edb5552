import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDuration } from "../src/duration.ts";

test("hidden: hours of any length", () => {
  assert.equal(parseDuration("12h"), 720);
  assert.equal(parseDuration("10h30m"), 630);
  assert.equal(parseDuration("100h"), 6000);
  assert.equal(parseDuration("1h5m"), 65);
  assert.equal(parseDuration("45m"), 45);
});
