import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../src/core/bounded-map.js";

describe("BoundedMap", () => {
  it("forgets the least recently used entry past its ceiling", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.get("a");
    map.set("c", 3);
    expect([map.has("a"), map.has("b"), map.has("c"), map.size]).toEqual([true, false, true, 2]);
  });

  it("does not count a peek as a use", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.peek("a")).toBe(1);
    map.set("c", 3);
    expect(map.has("a")).toBe(false);
  });
});
