/**
 * The shared state against a real redis-server: atomic claims across clients, values and TTLs,
 * the shared rate limit, and an outage (one warning, memory answers, recovery by itself).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SharedRateLimiter } from "../../src/state/rate-limiter.js";
import { RedisState } from "../../src/state/redis.js";
import { captureLogger, eventually } from "../slack/support.js";
import { hasRedis, RedisServer } from "../support/redis.js";

describe.skipIf(!hasRedis)("shared state in Redis", () => {
  let redis: RedisServer;
  const open: RedisState[] = [];
  const connect = async (logger = captureLogger().logger) => {
    const state = await new RedisState(redis.url, logger).start();
    open.push(state);
    return state;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    // A fresh, empty server for each test (and a live one after an outage test).
    await redis.kill();
    await redis.start();
  });
  afterAll(() => redis.stop());

  it("lets exactly one of two instances claim an event id", async () => {
    const [a, b] = [await connect(), await connect()];
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claim("dedupe:slack-event:Ev1", 60_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.claim("dedupe:slack-event:Ev2", 60_000)).toBe(true);
  });

  it("shares values between instances and lets them expire", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.set("thread:T1:C1:1.0", "1", 60_000);
    expect(await b.get("thread:T1:C1:1.0")).toBe("1");
    await a.set("context:x", "{}", 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await b.get("context:x")).toBeUndefined();
  });

  it("limits one user across instances as one instance would", async () => {
    const [a, b] = [await connect(), await connect()];
    const limiters = [new SharedRateLimiter(a.client), new SharedRateLimiter(b.client)];
    const results: boolean[] = [];
    for (let i = 0; i < 8; i++) results.push(await limiters[i % 2]!.take("slack:T1:U-burst"));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await limiters[0]!.take("discord:someone-else")).toBe(true);
  });

  it("answers from memory while Redis is down, warns once, and reconnects by itself", async () => {
    const logs = captureLogger();
    const state = await connect(logs.logger);
    const other = await connect();
    const limiter = new SharedRateLimiter(state.client);
    await state.set("thread:known", "1", 60_000);
    expect(await state.claim("dedupe:slack-event:seen", 60_000)).toBe(true);

    await redis.kill();
    await eventually("the state to notice", () => !state.healthy());
    // First deliveries are answered, retries of unseen events are dropped, seen ones stay duplicates.
    expect(await state.claim("dedupe:slack-event:new", 60_000, false)).toBe(true);
    expect(await state.claim("dedupe:slack-event:retried", 60_000, true)).toBe(false);
    expect(await state.claim("dedupe:slack-event:seen", 60_000, false)).toBe(false);
    expect(await state.get("thread:known")).toBe("1");
    expect(await limiter.take("slack:T1:U-outage")).toBe(true);
    for (let i = 0; i < 5; i++) await state.get("thread:known");
    const warnings = () =>
      logs.records.filter((r) => r.level === 40 && /redis unavailable/.test(r.msg ?? ""));
    expect(warnings()).toHaveLength(1);

    await redis.start();
    await eventually("reconnection", () => state.healthy(), 10_000);
    expect(await state.claim("dedupe:slack-event:after", 60_000, true)).toBe(true);
    expect(logs.records.some((r) => /redis reachable again/.test(r.msg ?? ""))).toBe(true);
    expect(warnings()).toHaveLength(1);
    // The first delivery answered from memory was written to Redis on recovery: its retry elsewhere is a duplicate.
    await eventually("the other instance to reconnect", () => other.healthy());
    await eventually("the flush", () => state.healthy());
    await new Promise((r) => setTimeout(r, 100));
    expect(await other.claim("dedupe:slack-event:new", 60_000, true)).toBe(false);
  });

  it("treats a stalled Redis as a blip: memory answers, then Redis again, one warning", async () => {
    const logs = captureLogger();
    const state = await connect(logs.logger);
    const admin = await connect();
    await admin.client.call("CLIENT", "PAUSE", "900", "ALL");
    expect(await state.claim("dedupe:slack-event:stalled", 60_000)).toBe(true);
    expect(state.healthy()).toBe(false);
    await eventually("Redis to be used again", () => state.healthy(), 5_000);
    expect(await state.claim("dedupe:slack-event:stalled-retry", 60_000, true)).toBe(true);
    expect(logs.records.filter((r) => r.level === 40)).toHaveLength(1);
    expect(logs.records.some((r) => /redis reachable again/.test(r.msg ?? ""))).toBe(true);
  });

  it("starts on memory when Redis is not there at all, with one warning", async () => {
    const logs = captureLogger();
    const state = new RedisState("redis://127.0.0.1:1", logs.logger, { connectWaitMs: 300 });
    open.push(state);
    await state.start();
    expect(state.healthy()).toBe(false);
    expect(await state.claim("dedupe:x", 1000)).toBe(true);
    expect(await state.claim("dedupe:x", 1000)).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(logs.records.filter((r) => r.level === 40)).toHaveLength(1);
  });
});
