import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkRequest,
  DEFAULT_REQUEST_LIMITS,
  guardRequests,
} from "../../src/adapters/slack/request-checks.js";
import { FakeBot } from "./fake-bot.js";
import { eventCallback, type Harness, mention, signedHeaders, startHarness } from "./support.js";

const NOW = 1_700_000_000;
const headers = (extra: Record<string, string> = {}) => ({
  "content-length": "100",
  "x-slack-request-timestamp": String(NOW),
  "x-slack-signature": "v0=abc",
  ...extra,
});

describe("request checks before Bolt", () => {
  it("lets through a signed, fresh, small request", () => {
    expect(checkRequest(headers(), DEFAULT_REQUEST_LIMITS, NOW)).toBeUndefined();
  });

  it.each([
    ["5 minutes in the past", -300, undefined],
    ["5 minutes in the future", 300, undefined],
    ["5 minutes and a second in the past", -301, 401],
    ["5 minutes and a second in the future", 301, 401],
    ["10 minutes in the future", 600, 401],
  ])("a timestamp %s → %s", (_name, skew, status) => {
    const result = checkRequest(
      headers({ "x-slack-request-timestamp": String(NOW + skew) }),
      DEFAULT_REQUEST_LIMITS,
      NOW,
    );
    expect(result?.status).toBe(status);
  });

  it.each([
    ["missing timestamp", { "x-slack-request-timestamp": "" }, 401],
    ["non-numeric timestamp", { "x-slack-request-timestamp": "12e5" }, 401],
    ["exactly 64 KB", { "content-length": String(64 * 1024) }, undefined],
    ["one byte over 64 KB", { "content-length": String(64 * 1024 + 1) }, 413],
    ["a malformed length", { "content-length": "-1" }, 413],
  ])("%s → %s", (_name, extra, status) => {
    expect(checkRequest(headers(extra), DEFAULT_REQUEST_LIMITS, NOW)?.status).toBe(status);
  });

  it("refuses a missing signature and a body of undeclared length", () => {
    const { "x-slack-signature": _sig, ...unsigned } = headers();
    expect(checkRequest(unsigned, DEFAULT_REQUEST_LIMITS, NOW)?.status).toBe(401);
    const { "content-length": _len, ...chunked } = headers({ "transfer-encoding": "chunked" });
    expect(checkRequest(chunked, DEFAULT_REQUEST_LIMITS, NOW)?.status).toBe(411);
  });
});

describe("the request guard", () => {
  const call = (method: string, headers: Record<string, string>) => {
    const seen: { status?: number; body?: string; passed: boolean; rejected: string[] } = {
      passed: false,
      rejected: [],
    };
    const guard = guardRequests(
      () => {
        seen.passed = true;
      },
      DEFAULT_REQUEST_LIMITS,
      (r) => seen.rejected.push(`${r.status} ${r.reason}`),
    );
    const res = {
      writeHead: (status: number, h: Record<string, string>) => {
        seen.status = status;
        expect(h.connection).toBe("close");
      },
      end: (body: string) => {
        seen.body = body;
      },
    };
    guard({ method, headers } as never, res as never);
    return seen;
  };

  it("passes GETs (health checks) through unchecked", () => {
    expect(call("GET", {})).toMatchObject({ passed: true, rejected: [] });
  });

  it("answers a bad POST itself, says why, and never calls Bolt", () => {
    const seen = call("POST", { "content-length": "10" });
    expect(seen).toMatchObject({ passed: false, status: 401, body: "missing timestamp" });
    expect(seen.rejected).toEqual(["401 missing timestamp"]);
  });

  it("passes a good POST through", () => {
    const ok = {
      "content-length": "10",
      "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
      "x-slack-signature": "v0=x",
    };
    expect(call("POST", ok)).toMatchObject({ passed: true, rejected: [] });
  });

  it("lets an empty POST (no length, no chunks) reach the signature check", () => {
    const { "content-length": _len, ...empty } = headers();
    expect(checkRequest(empty, DEFAULT_REQUEST_LIMITS, NOW)).toBeUndefined();
  });
});

describe("request checks in a running Slack adapter (HTTP mode)", () => {
  let h: Harness;
  let bot: FakeBot;
  beforeEach(async () => {
    bot = new FakeBot();
    h = await startHarness("http", bot);
  });
  afterEach(async () => {
    await h.close();
  });

  it("refuses a validly signed request timestamped 10 minutes in the future with 401, and answers nothing", async () => {
    const body = JSON.stringify(eventCallback(mention("how many appointments were cancelled?")));
    const future = Math.floor(Date.now() / 1000) + 600;
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/slack/events`, {
      method: "POST",
      body,
      headers: signedHeaders(body, "application/json", { timestamp: future }),
    });
    expect(res.status).toBe(401);
    expect(bot.asked).toHaveLength(0);
    expect(h.logs.records.some((r) => r.msg === "slack request refused" && r.status === 401)).toBe(true);
  });

  it("answers 413 to a 4 MB body before it is sent, so it is never read", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: h.slack.port,
          path: "/slack/events",
          method: "POST",
          headers: {
            ...signedHeaders("", "application/json"),
            "content-length": String(4 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      // Headers only: the body is never written, so only a refusal before reading can answer.
      req.write("{");
    });
    expect(status).toBe(413);
    expect(bot.asked).toHaveLength(0);
  });

  it("still answers a good request after refusing bad ones", async () => {
    const res = await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    expect(res.status).toBe(200);
    await h.fake.nthCall("chat.postMessage");
  });
});
