/**
 * A small fake Slack on 127.0.0.1 for tests: the Web API methods the bot calls, a response_url
 * endpoint, and a Socket Mode WebSocket that speaks Slack's envelope protocol
 * (hello, envelopes acknowledged by envelope_id, disconnect).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
}

export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
}

export interface Failure {
  /** HTTP status to answer with; 0 cuts the connection instead (a network error). */
  status: number;
  retryAfter?: number;
}

/**
 * A standing fault for every call of a method (or of "response_url") until cleared: HTTP errors,
 * a cut connection ("reset"), or a request accepted and never answered ("hang").
 */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: number }
  | { kind: "reset" }
  | { kind: "hang" };

/** The name failNext/setFault use for response_url posts. */
export const RESPONSE_URL = "response_url";

export interface Envelope {
  envelope_id: string;
  type: "events_api" | "slash_commands" | "interactive";
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

const WAIT_LIMIT_MS = 8_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Web API arguments arrive form-encoded (JSON-encoded values for blocks) or as JSON. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (value.startsWith("[") || value.startsWith("{")) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    args[key] = value;
  }
  return args;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  readonly acks: { envelope_id: string; payload: unknown }[] = [];
  /** Sockets opened by the bot, in order; the last one is the live one. */
  readonly sockets: WebSocket[] = [];
  connectionsOpened = 0;
  /** Make auth.test / apps.connections.open answer ok:false with this error (a bad token). */
  authError: string | undefined;
  appTokenError: string | undefined;
  private readonly failures = new Map<string, Failure[]>();
  /** Envelopes sent but not yet acknowledged: redelivered on the next connection, as Slack does. */
  private readonly unacked = new Map<string, Envelope>();
  private readonly holds = new Map<string, { arrived: () => void; released: Promise<void> }[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private tsCounter = 0;
  private hookCounter = 0;
  private readonly faults = new Map<string, Fault>();
  private readonly platformErrors = new Map<string, string[]>();
  /** Calls met by a fault, by method (RESPONSE_URL for response_url posts). */
  readonly faulted = new Map<string, number>();
  private readonly hung = new Set<ServerResponse>();
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/link")) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What SLACK_API_URL / slackApiUrl points at. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url for one slash command or action, shaped like Slack's (a secret last part). */
  responseUrl(): string {
    return `${this.url}/commands/T1/${++this.hookCounter}/${randomUUID()}`;
  }

  /** The next call of a method answers 200 with ok:false and this error (a platform error). */
  platformErrorNext(method: string, error: string): void {
    this.platformErrors.set(method, [...(this.platformErrors.get(method) ?? []), error]);
  }

  /** Every call of a method (or RESPONSE_URL) meets this fault until clearFault(); hangs end at close(). */
  setFault(method: string, fault: Fault): void {
    this.faults.set(method, fault);
  }

  clearFault(method: string): void {
    this.faults.delete(method);
  }

  /** Stops listening (new connections are refused, open ones are cut) until accept(). */
  async refuse(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port after refuse(). */
  async accept(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, "127.0.0.1", resolve));
  }

  /** The next calls of a method fail with these HTTP statuses (429 carries Retry-After). */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /**
   * Holds the next call of a method open until release() (an answer in flight);
   * `arrived` resolves when the bot's request reaches the fake.
   */
  holdNext(method: string): { arrived: Promise<void>; release: () => void } {
    let arrived: () => void = () => {};
    let release: () => void = () => {};
    const arrivedP = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, [...(this.holds.get(method) ?? []), { arrived, released }]);
    return { arrived: arrivedP, release };
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot posted (chat.postMessage), with the arguments it sent. */
  get posted(): Record<string, unknown>[] {
    return this.callsOf("chat.postMessage").map((c) => c.args);
  }

  get ephemerals(): Record<string, unknown>[] {
    return this.callsOf("chat.postEphemeral").map((c) => c.args);
  }

  /** Resolves once the condition holds (checked now and after every request); rejects after a guard time. */
  waitUntil(description: string, check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake Slack: gave up waiting for ${description}`));
      }, WAIT_LIMIT_MS);
      this.waiters.add(waiter);
    });
  }

  /** Waits for the n-th (1-based) call of a method and returns its arguments. */
  async nthCall(method: string, n = 1): Promise<Record<string, unknown>> {
    await this.waitUntil(`${method} #${n}`, () => this.callsOf(method).length >= n);
    return this.callsOf(method)[n - 1]?.args ?? {};
  }

  async nthResponse(n = 1): Promise<ResponseUrlCall> {
    await this.waitUntil(`response_url #${n}`, () => this.responses.length >= n);
    const response = this.responses[n - 1];
    if (response === undefined) throw new Error("unreachable");
    return response;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const isResponseUrl = path.startsWith("/commands/") || path.startsWith("/actions/");
    const faultName = isResponseUrl ? RESPONSE_URL : path.slice("/api/".length);
    if (this.applyFault(faultName, req, res)) return;
    if (isResponseUrl) {
      const failure = this.failures.get(RESPONSE_URL)?.shift();
      if (failure !== undefined) {
        this.failWith(failure, req, res);
        this.faulted.set(RESPONSE_URL, (this.faulted.get(RESPONSE_URL) ?? 0) + 1);
        this.notify();
        return;
      }
      this.responses.push({ id: path.split("/").pop() ?? "", body: JSON.parse(raw || "{}") });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      this.notify();
      return;
    }
    if (!path.startsWith("/api/")) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = path.slice("/api/".length);
    const args = parseArgs(raw, req.headers["content-type"]);
    const call: ApiCall = { method, args, authorization: req.headers.authorization };
    const hold = this.holds.get(method)?.shift();
    if (hold !== undefined) {
      hold.arrived();
      await hold.released;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined && failure.status === 0) {
      // A network error: the connection is cut without a response.
      this.calls.push({ ...call, method: `${method}!failed` });
      req.socket.destroy();
      this.notify();
      return;
    }
    if (failure !== undefined) {
      res.writeHead(
        failure.status,
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {},
      );
      res.end(
        JSON.stringify({ ok: false, error: failure.status === 429 ? "ratelimited" : "internal_error" }),
      );
      this.calls.push({ ...call, method: `${method}!failed` });
      this.notify();
      return;
    }
    const platformError = this.platformErrors.get(method)?.shift();
    if (platformError !== undefined) {
      this.calls.push({ ...call, method: `${method}!failed` });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: platformError }));
      this.notify();
      return;
    }
    this.calls.push(call);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(this.reply(method, args)));
    this.notify();
  }

  /** Meets a request with the standing fault of its method, if any; true when it did. */
  private applyFault(name: string, req: IncomingMessage, res: ServerResponse): boolean {
    const fault = this.faults.get(name);
    if (fault === undefined) return false;
    this.faulted.set(name, (this.faulted.get(name) ?? 0) + 1);
    if (fault.kind === "hang") {
      this.hung.add(res);
      res.on("close", () => this.hung.delete(res));
    } else if (fault.kind === "reset") {
      req.socket.destroy();
    } else {
      this.failWith(fault, req, res);
    }
    this.notify();
    return true;
  }

  private failWith(
    failure: { status: number; retryAfter?: number },
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    if (failure.status === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(
      failure.status,
      failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {},
    );
    res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? "ratelimited" : "internal_error" }));
  }

  private reply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        if (this.authError) return { ok: false, error: this.authError };
        return {
          ok: true,
          url: `${this.url}/`,
          team: "Test",
          user: "strike-bot",
          team_id: "T1",
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      case "chat.postMessage":
        this.tsCounter += 1;
        return {
          ok: true,
          channel: args.channel,
          ts: `1700000000.${String(this.tsCounter).padStart(6, "0")}`,
        };
      case "views.publish":
        return { ok: true, view: { id: `V${this.calls.length}`, ...(args.view as object) } };
      case "chat.postEphemeral":
        return { ok: true, message_ts: "1700000000.999999" };
      case "apps.connections.open":
        if (this.appTokenError) return { ok: false, error: this.appTokenError };
        this.connectionsOpened += 1;
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link?n=${this.connectionsOpened}` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.push(ws);
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { envelope_id: string; payload: unknown };
      this.acks.push(message);
      this.unacked.delete(message.envelope_id);
      this.notify();
    });
    ws.on("close", () => this.notify());
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack", approximate_connection_time: 3600 },
        connection_info: { app_id: "A1" },
      }),
    );
    for (const envelope of this.unacked.values()) {
      ws.send(
        JSON.stringify({
          ...envelope,
          retry_attempt: (envelope.retry_attempt ?? 0) + 1,
          retry_reason: "timeout",
        }),
      );
    }
    this.notify();
  }

  private get liveSocket(): WebSocket | undefined {
    const last = this.sockets[this.sockets.length - 1];
    return last !== undefined && last.readyState === last.OPEN ? last : undefined;
  }

  /** Waits until the bot holds an open socket (the n-th one since start). */
  async connected(n = 1): Promise<void> {
    await this.waitUntil(`socket #${n}`, () => this.sockets.length >= n && this.liveSocket !== undefined);
  }

  /** Sends an envelope over the live socket; resolves with the bot's acknowledgement payload. */
  /**
   * Sends an envelope over the live socket (or, with none open, keeps it for the next connection);
   * resolves with the bot's acknowledgement payload, whichever connection it came over.
   */
  async send(type: Envelope["type"], payload: unknown, extra: Partial<Envelope> = {}): Promise<unknown> {
    const envelope: Envelope = {
      envelope_id: extra.envelope_id ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== "events_api",
      ...extra,
    };
    this.unacked.set(envelope.envelope_id, envelope);
    this.liveSocket?.send(JSON.stringify(envelope));
    await this.waitUntil(`ack of ${envelope.envelope_id}`, () =>
      this.acks.some((a) => a.envelope_id === envelope.envelope_id),
    );
    return this.acks.find((a) => a.envelope_id === envelope.envelope_id)?.payload;
  }

  /** The connection dies without a goodbye (a network blip): the bot should notice and reconnect. */
  dropConnection(): void {
    this.liveSocket?.terminate();
  }

  /** Slack's "please reconnect": the bot should close this socket and open a new one. */
  requestDisconnect(reason = "refresh_requested"): void {
    this.liveSocket?.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake-slack" } }));
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) this.waiters.delete(waiter);
    for (const socket of this.sockets) socket.terminate();
    for (const res of this.hung) res.destroy();
    this.wss.close();
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
