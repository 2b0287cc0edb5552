import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDuration } from "../src/duration.ts";

test("Twelve hours", () => {
  assert.equal(parseDuration("12h"), 720);
});

test("Ten and a half hours", () => {
  assert.equal(parseDuration("10h30m"), 630);
});
