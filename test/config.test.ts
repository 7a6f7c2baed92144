import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config/index.js";

describe("DRAIN_TIMEOUT_MS", () => {
  it("defaults to 10 seconds and takes a number of milliseconds", () => {
    expect(readConfig({}).drainTimeoutMs).toBe(10_000);
    expect(readConfig({ DRAIN_TIMEOUT_MS: "2500" }).drainTimeoutMs).toBe(2_500);
  });

  it.each(["ten", "-1", "1.5", "600001"])("stops at start on %s, naming the variable", (value) => {
    expect(() => readConfig({ DRAIN_TIMEOUT_MS: value })).toThrow(/DRAIN_TIMEOUT_MS/);
  });
});
