import { test } from "node:test";
import assert from "node:assert/strict";
import { total } from "../src/cart.ts";

test("An empty cart costs nothing", () => {
  assert.equal(total([]), 0);
});
