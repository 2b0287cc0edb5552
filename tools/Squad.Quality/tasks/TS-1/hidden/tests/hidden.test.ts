import { test } from "node:test";
import assert from "node:assert/strict";
import { total } from "../src/cart.ts";

test("hidden: quantities count", () => {
  assert.equal(total([{ name: "pen", price: 1.5, quantity: 2 }, { name: "pad", price: 3, quantity: 1 }]), 6);
  assert.equal(total([{ name: "mug", price: 2, quantity: 3 }]), 6);
  assert.equal(total([{ name: "gift", price: 9, quantity: 0 }]), 0);
  assert.equal(total([]), 0);
});
