/**
 * The load generator of bench/slack-outage.ts, run as its own process so that its work and memory are
 * not counted as the bot's. Sends signed Slack requests (half @mentions, half /strike commands, each
 * with its own id) at a fixed rate over keep-alive connections and prints one JSON line: the ids Slack
 * would consider acknowledged (HTTP 200) and every acknowledgement's latency.
 *
 * Arguments: <bot port> <sink url> <rate per second> <seconds>
 */
import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";

export const BENCH_SECRET = "0123456789abcdef0123456789abcdef";

/** A signed request for item n: even n an @mention in its own channel, odd n a /strike with its own response_url. */
export function benchRequest(n: number, sinkUrl: string): { body: string; headers: Record<string, string> } {
  const timestamp = Math.floor(Date.now() / 1000);
  let body: string;
  let contentType: string;
  if (n % 2 === 0) {
    contentType = "application/json";
    body = JSON.stringify({
      token: "bench",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: `Ev${n}`,
      event_time: timestamp,
      event: {
        type: "app_mention",
        user: `U${n % 97}`,
        text: "<@UBOT> how many appointments were cancelled?",
        ts: `${timestamp}.${String(n).padStart(6, "0")}`,
        channel: `C${n}`,
        team: "T1",
        event_ts: `${timestamp}.${String(n).padStart(6, "0")}`,
      },
      authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    });
  } else {
    contentType = "application/x-www-form-urlencoded";
    body = new URLSearchParams({
      token: "bench",
      team_id: "T1",
      team_domain: "bench",
      channel_id: "C1",
      channel_name: "bench",
      user_id: `U${n % 97}`,
      user_name: "bench",
      command: "/strike",
      text: n % 4 === 1 ? "stats" : "ask how many appointments were cancelled?",
      api_app_id: "A1",
      response_url: `${sinkUrl}/commands/T1/${n}/s3cret${n}`,
      trigger_id: `${n}.1.bench`,
    }).toString();
  }
  const signature = createHmac("sha256", BENCH_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    body,
    headers: {
      "content-type": contentType,
      "content-length": String(Buffer.byteLength(body)),
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": `v0=${signature}`,
    },
  };
}

async function main(): Promise<void> {
  const [portArg, sinkUrl, rateArg, secondsArg] = process.argv.slice(2);
  const port = Number(portArg);
  const rate = Number(rateArg);
  const total = rate * Number(secondsArg);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const acked: number[] = [];
  const latencies: number[] = [];
  /** When each acknowledged request was sent, in ms from the start (same order as latencies). */
  const sentAt: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();
  const send = (n: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const { body, headers } = benchRequest(n, sinkUrl ?? "");
      const started = process.hrtime.bigint();
      const sentMs = Date.now() - start;
      const req = request(
        { host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers, agent },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) {
              acked.push(n);
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              sentAt.push(sentMs);
            } else errors += 1;
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  // Paced in 10 ms ticks: each tick sends what the clock says is due, so the rate holds on average.
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
    while (sent < due) {
      const p = send(sent);
      inFlight.add(p);
      void p.then(() => inFlight.delete(p));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(inFlight);
  agent.destroy();
  process.stdout.write(
    `${JSON.stringify({ sent, acked, latencies, sentAt, errors, seconds: (Date.now() - start) / 1000 })}\n`,
  );
}

if (process.argv[1]?.endsWith("outage-load.js")) await main();
