import { describe, expect, it } from "vitest";
import { backoffDelay, type Delivery, MemoryOutbox } from "../../src/adapters/delivery/outbox.js";
import { DeliveryError } from "../../src/adapters/delivery/verdict.js";
import { captureLogger } from "../slack/support.js";

const FAST = { baseDelayMs: 1, maxDelayMs: 2, callTimeoutMs: 1_000 };
const far = () => Date.now() + 60_000;

function outbox(config = {}) {
  const logs = captureLogger();
  return { box: new MemoryOutbox(logs.logger, { ...FAST, ...config }), logs };
}

/** A delivery whose attempts answer in turn from `script` (an Error is thrown, anything else returned). */
function scripted(script: unknown[], extra: Partial<Delivery<unknown>> = {}) {
  const calls: AbortSignal[] = [];
  const delivery: Delivery<unknown> = {
    kind: "test",
    what: "unit",
    expiresAt: far(),
    attempt: async (signal) => {
      calls.push(signal);
      const next = script[Math.min(calls.length - 1, script.length - 1)];
      if (next instanceof Error) throw next;
      return next;
    },
    ...extra,
  };
  return { delivery, calls };
}

const http = (status: number, retryAfterMs?: number) =>
  new DeliveryError(`HTTP ${status}`, status, retryAfterMs);

describe("the outbox", () => {
  it("delivers on the first try and hands back what the call returned", async () => {
    const { box } = outbox();
    const { delivery, calls } = scripted(["sent"]);
    expect(await box.deliver(delivery)).toEqual({ ok: true, value: "sent" });
    expect(calls).toHaveLength(1);
    expect(box.stats()).toMatchObject({ delivered: 1, retried: 0, lost: 0, refused: 0, pending: 0 });
  });

  it("retries 5xx, 429 and network errors, then delivers", async () => {
    const { box } = outbox();
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { delivery, calls } = scripted([http(500), http(429), reset, new TypeError("fetch failed"), "ok"]);
    expect(await box.deliver(delivery)).toEqual({ ok: true, value: "ok" });
    expect(calls).toHaveLength(5);
    expect(box.stats()).toMatchObject({ delivered: 1, retried: 4, lost: 0 });
  });

  it("gives up after maxAttempts and logs the loss with the last reason", async () => {
    const { box, logs } = outbox({ maxAttempts: 3 });
    const { delivery, calls } = scripted([http(503)]);
    const outcome = await box.deliver(delivery);
    expect(outcome).toEqual({ ok: false, reason: "failed", detail: "3 attempts, last: HTTP 503" });
    expect(calls).toHaveLength(3);
    expect(box.stats()).toMatchObject({ lost: 1, retried: 2, lostByReason: { failed: 1 } });
    const line = logs.records.find((r) => r.msg === "delivery lost");
    expect(line).toMatchObject({ kind: "test", what: "unit", reason: "failed", level: 50 });
  });

  it("does not retry what cannot work (a 4xx, an unknown error)", async () => {
    const { box } = outbox();
    for (const error of [http(404), new Error("boom")]) {
      const { delivery, calls } = scripted([error]);
      const outcome = await box.deliver(delivery);
      expect(outcome.ok).toBe(false);
      expect(calls).toHaveLength(1);
    }
    expect(box.stats()).toMatchObject({ lost: 2, retried: 0 });
  });

  it("uses a delivery's own reading of a failure first", async () => {
    const { box } = outbox();
    const { delivery, calls } = scripted([new Error("platform: internal_error"), "ok"], {
      classify: () => ({ retry: true, reason: "transient" }),
    });
    expect((await box.deliver(delivery)).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it("waits at least Retry-After before the next attempt", async () => {
    const { box } = outbox();
    const { delivery } = scripted([http(429, 150), "ok"]);
    const started = Date.now();
    await box.deliver(delivery);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("abandons a call that never answers at the call timeout, aborting it, and tries again", async () => {
    const { box } = outbox({ callTimeoutMs: 50 });
    const signals: AbortSignal[] = [];
    const outcome = await box.deliver({
      kind: "test",
      expiresAt: far(),
      attempt: (signal) => {
        signals.push(signal);
        return signals.length === 1 ? new Promise(() => {}) : Promise.resolve("second");
      },
    });
    expect(outcome).toEqual({ ok: true, value: "second" });
    expect(signals[0]?.aborted).toBe(true);
    expect(box.stats().retried).toBe(1);
  });

  it("counts a delivery past its expiry as lost without calling, and one whose retry would land past it", async () => {
    const { box } = outbox();
    const late = scripted(["ok"], { expiresAt: Date.now() - 1 });
    expect(await box.deliver(late.delivery)).toMatchObject({ ok: false, reason: "expired" });
    expect(late.calls).toHaveLength(0);
    const soon = scripted([http(429, 10_000)], { expiresAt: Date.now() + 1_000 });
    const outcome = await box.deliver(soon.delivery);
    expect(outcome).toMatchObject({ ok: false, reason: "expired" });
    expect(soon.calls).toHaveLength(1);
    expect(box.stats().lostByReason).toEqual({ expired: 2 });
  });

  it("counts a delivery its platform can no longer take (unusable) as lost with the reason", async () => {
    const { box } = outbox();
    const { delivery, calls } = scripted(["ok"], { unusable: () => "used up" });
    expect(await box.deliver(delivery)).toEqual({ ok: false, reason: "expired", detail: "used up" });
    expect(calls).toHaveLength(0);
  });

  it("refuses and counts new work past maxPending, and is unhealthy over the high-water mark", async () => {
    const { box, logs } = outbox({ maxPending: 2, highWaterMark: 1 });
    const hang = () => ({ kind: "test", expiresAt: far(), attempt: () => new Promise<never>(() => {}) });
    expect(box.healthy()).toBe(true);
    void box.deliver(hang());
    expect(box.healthy()).toBe(true);
    void box.deliver(hang());
    expect(box.hasRoom()).toBe(false);
    expect(box.healthy()).toBe(false);
    expect(await box.deliver(hang())).toMatchObject({ ok: false, reason: "refused" });
    expect(box.stats()).toMatchObject({ refused: 1, pending: 2 });
    expect(logs.records.some((r) => r.msg === "delivery refused")).toBe(true);
    await box.drain(0);
  });

  it("is failing after failingAfter failed attempts in a row, and well again after a success", async () => {
    const { box } = outbox({ failingAfter: 3, maxAttempts: 2 });
    await box.deliver(scripted([http(500)]).delivery);
    expect(box.stats().failing).toBe(false);
    await box.deliver(scripted([http(500)]).delivery);
    expect(box.stats().failing).toBe(true);
    expect(box.healthy()).toBe(false);
    await box.deliver(scripted(["ok"]).delivery);
    expect(box.stats().failing).toBe(false);
    expect(box.healthy()).toBe(true);
  });

  it("runs at most `concurrency` calls at once", async () => {
    const { box } = outbox({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const slow = () => ({
      kind: "test",
      expiresAt: far(),
      attempt: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
      },
    });
    await Promise.all(Array.from({ length: 6 }, () => box.deliver(slow())));
    expect(peak).toBe(2);
    expect(box.stats().delivered).toBe(6);
  });

  it("drains: waits for what is pending, then counts and logs the rest lost and takes nothing more", async () => {
    const { box, logs } = outbox({ baseDelayMs: 1_000, maxDelayMs: 1_000 });
    const quick = box.deliver(scripted(["ok"]).delivery);
    const stuck = box.deliver(scripted([http(500)]).delivery);
    const started = Date.now();
    const drained = await box.drain(100);
    expect(Date.now() - started).toBeLessThan(600);
    expect(drained).toEqual({ delivered: false, lost: 1 });
    expect(await quick).toMatchObject({ ok: true });
    expect(await stuck).toMatchObject({ ok: false, reason: "shutdown" });
    expect(logs.records.filter((r) => r.msg === "delivery lost" && r.reason === "shutdown")).toHaveLength(1);
    expect(box.hasRoom()).toBe(false);
    expect(await box.deliver(scripted(["ok"]).delivery)).toMatchObject({ ok: false, reason: "refused" });
    expect(box.stats()).toMatchObject({ delivered: 1, lost: 1, refused: 1, lostByReason: { shutdown: 1 } });
  });

  it("drains at once when nothing is pending", async () => {
    const { box } = outbox();
    expect(await box.drain(5_000)).toEqual({ delivered: true, lost: 0 });
  });
});

describe("the outbox, precisely", () => {
  it("is failing at exactly failingAfter failures in a row, not one before", async () => {
    const { box } = outbox({ failingAfter: 2, maxAttempts: 1 });
    await box.deliver(scripted([http(500)]).delivery);
    expect(box.stats().failing).toBe(false);
    expect(box.healthy()).toBe(true);
    await box.deliver(scripted([http(500)]).delivery);
    expect(box.stats().failing).toBe(true);
    expect(box.healthy()).toBe(false);
  });

  it("says why it refused, and logs it", async () => {
    const { box, logs } = outbox({ maxPending: 1 });
    void box.deliver({ kind: "test", expiresAt: far(), attempt: () => new Promise<never>(() => {}) });
    expect(await box.deliver(scripted(["ok"]).delivery)).toEqual({
      ok: false,
      reason: "refused",
      detail: "1 deliveries pending",
    });
    expect(logs.records.find((r) => r.msg === "delivery refused")).toMatchObject({
      kind: "test",
      what: "unit",
      detail: "1 deliveries pending",
    });
    await box.drain(0);
    expect(await box.deliver(scripted(["ok"]).delivery)).toMatchObject({ detail: "shut down" });
  });

  it("names the last failure when an answer expires, and 'too late' when it never had one", async () => {
    const { box, logs } = outbox();
    const never = scripted(["ok"], { expiresAt: Date.now() - 1 });
    expect(await box.deliver(never.delivery)).toEqual({ ok: false, reason: "expired", detail: "too late" });
    const soon = scripted([http(429, 10_000)], { expiresAt: Date.now() + 1_000 });
    expect(await box.deliver(soon.delivery)).toEqual({
      ok: false,
      reason: "expired",
      detail: "would retry after expiry (HTTP 429)",
    });
    const lines = logs.records.filter((r) => r.msg === "delivery lost");
    expect(lines[0]).not.toHaveProperty("err");
    expect((lines[1]?.err as { message?: string } | undefined)?.message).toBe("HTTP 429");
  });

  it("names an unknown error by its type and message", async () => {
    const { box } = outbox();
    expect(await box.deliver(scripted([new RangeError("odd")]).delivery)).toEqual({
      ok: false,
      reason: "failed",
      detail: "RangeError: odd",
    });
    expect(await box.deliver(scripted(["x"], { attempt: () => Promise.reject("plain") }).delivery)).toEqual({
      ok: false,
      reason: "failed",
      detail: "plain",
    });
  });

  it("logs a summary of what a drain lost, and nothing when it lost nothing", async () => {
    const { box, logs } = outbox();
    void box.deliver({ kind: "test", expiresAt: far(), attempt: () => new Promise<never>(() => {}) });
    expect(await box.drain(20)).toEqual({ delivered: false, lost: 1 });
    expect(logs.records.find((r) => r.msg === "deliveries lost at shutdown")).toMatchObject({
      lost: 1,
      drainTimeoutMs: 20,
    });
    const quiet = outbox();
    await quiet.box.drain(20);
    expect(quiet.logs.records.some((r) => r.msg === "deliveries lost at shutdown")).toBe(false);
  });

  it("keeps the concurrency bound when work arrives while others wait", async () => {
    const { box } = outbox({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const slow = (ms: number) => ({
      kind: "test",
      expiresAt: far(),
      attempt: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running -= 1;
      },
    });
    const first = Array.from({ length: 4 }, () => box.deliver(slow(15)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = Array.from({ length: 4 }, () => box.deliver(slow(15)));
    await Promise.all([...first, ...later]);
    expect(peak).toBe(2);
  });
});

describe("backoff", () => {
  it("doubles from the base, stays in the upper half of each step, and is capped", () => {
    const config = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(1, config, 0)).toBe(50);
    expect(backoffDelay(1, config, 1)).toBe(100);
    expect(backoffDelay(2, config, 0.5)).toBe(150);
    expect(backoffDelay(3, config, 1)).toBe(400);
    expect(backoffDelay(10, config, 1)).toBe(1_000);
    expect(backoffDelay(10, config, 0)).toBe(500);
  });
});
