import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "../../src/adapters/rate-limit.js";

function limiter(options: Partial<ConstructorParameters<typeof RateLimiter>[0]> = {}) {
  let now = 1_000_000;
  const rl = new RateLimiter({ burst: 3, perSecond: 2, maxUsers: 100, now: () => now, ...options });
  return { rl, advance: (ms: number) => (now += ms) };
}

describe("the per-user rate limit", () => {
  it("lets a burst through, then refuses", () => {
    const { rl } = limiter();
    expect([rl.take("u"), rl.take("u"), rl.take("u"), rl.take("u")]).toEqual([true, true, true, false]);
  });

  it("refills at perSecond, one token per 1/perSecond seconds", () => {
    const { rl, advance } = limiter();
    for (let i = 0; i < 3; i++) rl.take("u");
    advance(499);
    expect(rl.take("u")).toBe(false);
    advance(1);
    expect(rl.take("u")).toBe(true);
    expect(rl.take("u")).toBe(false);
  });

  it("never refills past the burst", () => {
    const { rl, advance } = limiter();
    rl.take("u");
    advance(60_000);
    expect([rl.take("u"), rl.take("u"), rl.take("u"), rl.take("u")]).toEqual([true, true, true, false]);
  });

  it("keeps users apart", () => {
    const { rl } = limiter({ burst: 1 });
    expect(rl.take("a")).toBe(true);
    expect(rl.take("a")).toBe(false);
    expect(rl.take("b")).toBe(true);
  });

  it("a refused take spends nothing", () => {
    const { rl, advance } = limiter({ burst: 1, perSecond: 1 });
    rl.take("u");
    advance(500);
    expect(rl.take("u")).toBe(false);
    advance(500);
    expect(rl.take("u")).toBe(true);
  });

  it("forgets the least recently seen users past maxUsers (they start again with a full bucket)", () => {
    const { rl } = limiter({ burst: 1, maxUsers: 2 });
    rl.take("a");
    rl.take("b");
    rl.take("c");
    expect(rl.take("a")).toBe(true);
    expect(rl.take("c")).toBe(false);
  });

  it("has sensible frozen defaults", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ burst: 5, perSecond: 2, maxUsers: 10_000 });
    expect(Object.isFrozen(DEFAULT_RATE_LIMIT)).toBe(true);
    const rl = new RateLimiter();
    for (let i = 0; i < 5; i++) expect(rl.take("u")).toBe(true);
    expect(rl.take("u")).toBe(false);
  });
});
