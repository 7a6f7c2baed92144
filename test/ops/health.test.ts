import { afterEach, describe, expect, it } from "vitest";
import { Health, type RunningOpsServer, startOpsServer } from "../../src/health.js";
import { createMetrics } from "../../src/metrics.js";

describe("readiness", () => {
  it("waits for the article and every configured platform, and ends when stopping", () => {
    const health = new Health();
    expect(health.report().ready).toBe(false);
    health.articleLoaded("A strike story");
    expect(health.report().ready).toBe(true);
    health.expect("slack");
    health.expect("discord");
    expect(health.report()).toMatchObject({ ready: false, platforms: { slack: false, discord: false } });
    health.connection("slack", true);
    expect(health.report().ready).toBe(false);
    health.connection("discord", true);
    expect(health.report().ready).toBe(true);
    health.connection("discord", false);
    expect(health.report().ready).toBe(false);
    health.connection("discord", true);
    health.markStopping();
    expect(health.report()).toMatchObject({ ready: false, stopping: true });
  });

  it("moves the platform_connected gauge with each connection change", async () => {
    const metrics = createMetrics();
    const health = new Health(metrics);
    health.expect("discord");
    const value = async () => (await metrics.platformConnected.get()).values[0]?.value;
    expect(await value()).toBe(0);
    health.connection("discord", true);
    expect(await value()).toBe(1);
  });
});

describe("the stand-alone health and metrics server", () => {
  let server: RunningOpsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("serves /healthz (503 until ready) and /metrics, 404 elsewhere, 405 for writes", async () => {
    const metrics = createMetrics();
    const health = new Health(metrics);
    server = await startOpsServer(0, { health, metrics }, "127.0.0.1");
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    health.articleLoaded("A strike story");
    const ok = await fetch(`${base}/healthz?verbose`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, ready: true, article: { title: "A strike story" } });
    metrics.startAnswer("terminal")("answered");
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('strike_bot_answers_total{platform="terminal",status="answered"} 1');
    expect(text).toContain("# TYPE strike_bot_answer_seconds histogram");
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
