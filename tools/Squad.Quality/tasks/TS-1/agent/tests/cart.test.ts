import { test } from "node:test";
import assert from "node:assert/strict";
import { total } from "../src/cart.ts";

test("Two pens and a pad", () => {
  assert.equal(total([{ name: "pen", price: 1.5, quantity: 2 }, { name: "pad", price: 3, quantity: 1 }]), 6);
});

test("Three of one item", () => {
  assert.equal(total([{ name: "mug", price: 2, quantity: 3 }]), 6);
});
