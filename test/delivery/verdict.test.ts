import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { discordVerdict } from "../../src/adapters/delivery/discord.js";
import { slackVerdict } from "../../src/adapters/delivery/slack.js";
import {
  commonVerdict,
  DeliveryError,
  isNetworkError,
  parseRetryAfter,
  retryableStatus,
} from "../../src/adapters/delivery/verdict.js";

describe("reading failures", () => {
  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    expect(parseRetryAfter("-2")).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(" ")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });

  it.each([
    [500, true],
    [503, true],
    [599, true],
    [429, true],
    [408, true],
    [499, false],
    [404, false],
    [400, false],
    [403, false],
  ])("HTTP %i is worth a retry: %s", (status, retry) => {
    expect(retryableStatus(status)).toBe(retry);
  });

  it("knows network failures at any depth, and nothing else", () => {
    expect(isNetworkError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isNetworkError(new TypeError("fetch failed"))).toBe(true);
    expect(isNetworkError(new TypeError("other"))).toBe(false);
    expect(isNetworkError(Object.assign(new Error("a"), { name: "AbortError" }))).toBe(true);
    expect(isNetworkError(Object.assign(new Error("t"), { name: "TimeoutError" }))).toBe(true);
    expect(isNetworkError(new Error("wrapped", { cause: { code: "UND_ERR_SOCKET" } }))).toBe(true);
    expect(isNetworkError({ original: { code: "ETIMEDOUT" } })).toBe(true);
    expect(isNetworkError(new Error("plain"))).toBe(false);
    expect(isNetworkError("ECONNRESET")).toBe(false);
    expect(isNetworkError(null)).toBe(false);
    let deep: Record<string, unknown> = { code: "ECONNRESET" };
    for (let i = 0; i < 10; i++) deep = { cause: deep };
    expect(isNetworkError(deep)).toBe(false);
  });

  it("reads its own errors: a timeout retries, an HTTP status decides, Retry-After is kept", () => {
    expect(commonVerdict(new DeliveryError("no answer"))).toEqual({ retry: true, reason: "no answer" });
    expect(commonVerdict(new DeliveryError("x", 502))).toEqual({ retry: true, reason: "HTTP 502" });
    expect(commonVerdict(new DeliveryError("x", 429, 2_000))).toEqual({
      retry: true,
      reason: "HTTP 429",
      retryAfterMs: 2_000,
    });
    expect(commonVerdict(new DeliveryError("x", 410))).toEqual({ retry: false, reason: "HTTP 410" });
    expect(commonVerdict(new Error("other"))).toBeUndefined();
  });

  it("reads the Slack Web API client's errors", () => {
    expect(slackVerdict({ code: "slack_webapi_rate_limited_error", retryAfter: 7 })).toEqual({
      retry: true,
      reason: "rate limited (429)",
      retryAfterMs: 7_000,
    });
    expect(slackVerdict({ code: "slack_webapi_rate_limited_error" })?.retryAfterMs).toBe(1_000);
    expect(slackVerdict({ code: "slack_webapi_request_error" })).toEqual({
      retry: true,
      reason: "network error",
    });
    expect(slackVerdict({ code: "slack_webapi_http_error", statusCode: 503, headers: {} })).toEqual({
      retry: true,
      reason: "HTTP 503",
    });
    expect(
      slackVerdict({ code: "slack_webapi_http_error", statusCode: 503, headers: { "retry-after": "2" } })
        ?.retryAfterMs,
    ).toBe(2_000);
    expect(slackVerdict({ code: "slack_webapi_http_error", statusCode: 400 })?.retry).toBe(false);
    expect(slackVerdict({ code: "slack_webapi_http_error" })).toEqual({ retry: false, reason: "HTTP 0" });
    expect(slackVerdict({ code: "slack_webapi_platform_error", data: { error: "internal_error" } })).toEqual({
      retry: true,
      reason: "internal_error",
    });
    for (const transient of ["fatal_error", "service_unavailable", "request_timeout", "ratelimited"])
      expect(slackVerdict({ code: "slack_webapi_platform_error", data: { error: transient } })?.retry).toBe(
        true,
      );
    expect(
      slackVerdict({ code: "slack_webapi_platform_error", data: { error: "channel_not_found" } }),
    ).toEqual({ retry: false, reason: "channel_not_found" });
    expect(slackVerdict({ code: "slack_webapi_platform_error" })).toEqual({
      retry: false,
      reason: "unknown",
    });
    expect(slackVerdict(new Error("x"))).toBeUndefined();
    expect(slackVerdict(undefined)).toBeUndefined();
  });

  it("reads discord.js REST errors", () => {
    const request = { body: undefined, files: undefined };
    const api = (status: number, code: number) =>
      new DiscordAPIError({ message: "m", code }, code, status, "POST", "/x", request);
    expect(discordVerdict(api(500, 0))).toEqual({ retry: true, reason: "HTTP 500 (Discord code 0)" });
    expect(discordVerdict(api(400, 50035))).toEqual({
      retry: false,
      reason: "HTTP 400 (Discord code 50035)",
    });
    for (const code of [10062, 10015, 50027, 10008, 40060])
      expect(discordVerdict(api(404, code))).toEqual({ retry: false, reason: `gone (Discord code ${code})` });
    expect(discordVerdict(new HTTPError(502, "Bad Gateway", "POST", "/x", request))).toEqual({
      retry: true,
      reason: "HTTP 502",
    });
    expect(discordVerdict(new HTTPError(404, "Not Found", "POST", "/x", request))?.retry).toBe(false);
    const limited = new RateLimitError({
      timeToReset: 45_000,
      limit: 1,
      method: "POST",
      hash: "h",
      url: "/x",
      route: "/x",
      majorParameter: "1",
      global: false,
      retryAfter: 45_000,
      sublimitTimeout: 0,
      scope: "user",
    });
    expect(discordVerdict(limited)).toEqual({
      retry: true,
      reason: "rate limited (429)",
      retryAfterMs: 45_000,
    });
    expect(discordVerdict(new Error("x"))).toBeUndefined();
  });
});
