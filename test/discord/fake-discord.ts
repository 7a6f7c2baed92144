/**
 * A small local Discord for tests: REST on http://127.0.0.1:<port>/api/v10 and a gateway
 * WebSocket on the same port. It speaks just enough of both for the real discord.js Client:
 * HELLO, IDENTIFY -> READY (+ GUILD_CREATE), RESUME -> RESUMED, heartbeat ACKs, dispatches;
 * /gateway/bot, interaction callbacks, webhook edits, channel messages, command registration.
 * Every REST request is recorded so tests can assert on exactly what the bot sent.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake whose timestamp is `at` (ms since the Unix epoch). */

/** The fields every message payload carries and no test varies. */
function messageFields(): Json {
  return {
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
}

export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export const APP_ID = "111111111111111111";
export const BOT_ID = APP_ID;
export const GUILD_ID = "222222222222222222";
export const CHANNEL_ID = "333333333333333333";
export const THREAD_ID = "444444444444444444";
export const DM_CHANNEL_ID = "555555555555555555";
export const USER_ID = "666666666666666666";
export const OTHER_BOT_ID = "777777777777777777";
export const COMMAND_ID = "888888888888888888";
export const TOKEN = "MTExMTExMTExMTExMTExMTEx.GfAkE0.fake-token-for-local-tests-only";

const NOW_ISO = new Date().toISOString();

export const botUser = {
  id: BOT_ID,
  username: "strike-bot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
};

export const humanUser = {
  id: USER_ID,
  username: "reader",
  discriminator: "0",
  global_name: "Reader",
  avatar: null,
};

const otherBot = {
  id: OTHER_BOT_ID,
  username: "other-bot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
};

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, URL-decoded (so `@original` reads as such). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every shape
  body: any;
  /** What the fake answered. */
  status: number;
  response?: Json;
}

// biome-ignore lint/suspicious/noExplicitAny: gateway payloads of every shape
type Json = any;

interface Override {
  match: (req: RecordedRequest) => boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: Json;
  /** Hold the response until this resolves. */
  hold?: Promise<void>;
}

/**
 * A standing fault for every request it matches until cleared: an HTTP error (429 with Retry-After),
 * a cut connection ("reset"), or a request accepted and never answered ("hang").
 */
export type RestFault =
  | { kind: "status"; status: number; retryAfter?: number }
  | { kind: "reset" }
  | { kind: "hang" };

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

interface GatewaySession {
  socket: WebSocket;
  shard: [number, number];
  sessionId: string;
  seq: number;
}

export interface FakeDiscordOptions {
  /** What /gateway/bot recommends (and so what ShardingManager spawns). */
  shards?: number;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY and RESUME payloads in arrival order. */
  readonly gatewayOps: { op: number; d: Json }[] = [];
  /** Close codes of gateway sockets closed by the client. */
  readonly clientCloseCodes: number[] = [];
  private readonly overrides: Override[] = [];
  private readonly faults: { match: (req: RecordedRequest) => boolean; fault: RestFault }[] = [];
  private readonly hung = new Set<ServerResponse>();
  /** Requests met by a standing fault. */
  readonly faulted: RecordedRequest[] = [];
  private readonly requestWaiters: Waiter<RecordedRequest>[] = [];
  private readonly opWaiters: Waiter<{ op: number; d: Json }>[] = [];
  private readonly sessions = new Map<number, GatewaySession>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private port = 0;

  private constructor(
    private readonly server: Server,
    readonly shardCount: number,
  ) {}

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, options.shards ?? 1);
    server.on("request", (req, res) => void fake.onRequest(req, res));
    server.on("upgrade", (req, socket, head) => {
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onGateway(ws));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The DISCORD_* environment a whole bot process needs to talk to this fake. */
  env(): Record<string, string> {
    return { DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP_ID, DISCORD_API_URL: this.apiUrl };
  }

  /** Which shard Discord routes a guild's events to. */
  shardOf(guildId: string): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
  }

  // ---------------------------------------------------------------- REST

  /** The next request matching `match` gets this answer instead of the normal one. */
  override(override: Override): void {
    this.overrides.push(override);
  }

  /** Every request matching `match` meets `fault` until clearFaults(). */
  setFault(match: (req: RecordedRequest) => boolean, fault: RestFault): void {
    this.faults.push({ match, fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Answers the next matching request with a 429 and a Retry-After of `seconds`. */
  rateLimitNext(match: (req: RecordedRequest) => boolean, seconds = 0.05): void {
    this.override({
      match,
      status: 429,
      headers: { "retry-after": String(seconds), "x-ratelimit-scope": "user" },
      body: { message: "You are being rate limited.", retry_after: seconds, global: false },
    });
  }

  /** Holds the next matching request until `release()`; `arrived` resolves when it comes in. */
  holdNext(match: (req: RecordedRequest) => boolean): { release: () => void; arrived: Promise<void> } {
    let release: () => void = () => {};
    let arrive: () => void = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    this.override({
      match: (req) => {
        const hit = match(req);
        if (hit) arrive();
        return hit;
      },
      hold,
    });
    return { release, arrived };
  }

  /** Resolves with the first request (already received or future) matching `match`. */
  waitForRequest(match: (req: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.requestWaiters.push({ match, resolve }));
  }

  /** Interaction callbacks (initial responses) for one interaction id. */
  callbacksFor(interactionId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(`/interactions/${interactionId}/`));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let body: Json;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, "")),
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };

    const standing = this.faults.find((f) => f.match(recorded))?.fault;
    if (standing !== undefined) {
      this.faulted.push(recorded);
      this.notifyRequest(recorded);
      if (standing.kind === "hang") {
        this.hung.add(res);
        res.on("close", () => this.hung.delete(res));
      } else if (standing.kind === "reset") {
        req.socket.destroy();
      } else {
        const retry = standing.retryAfter;
        res.writeHead(standing.status, {
          "content-type": "application/json",
          ...(retry !== undefined ? { "retry-after": String(retry) } : {}),
        });
        res.end(
          JSON.stringify(
            standing.status === 429
              ? { message: "You are being rate limited.", retry_after: retry ?? 1, global: false }
              : { message: "500: Internal Server Error", code: 0 },
          ),
        );
      }
      return;
    }
    const index = this.overrides.findIndex((o) => o.match(recorded));
    const override = index >= 0 ? this.overrides.splice(index, 1)[0] : undefined;
    if (override?.hold) await override.hold;

    let status: number;
    let payload: Json;
    let headers: Record<string, string> = {};
    if (override?.status !== undefined) {
      status = override.status;
      payload = override.body;
      headers = override.headers ?? {};
    } else {
      [status, payload] = this.route(recorded);
    }
    recorded.status = status;
    recorded.response = payload;
    this.requests.push(recorded);

    if (payload === undefined) {
      res.writeHead(status, headers);
      res.end();
    } else {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    }
    this.notifyRequest(recorded);
  }

  private notifyRequest(recorded: RecordedRequest): void {
    for (const waiter of [...this.requestWaiters]) {
      if (waiter.match(recorded)) {
        this.requestWaiters.splice(this.requestWaiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    }
  }

  private route(req: RecordedRequest): [number, Json] {
    const { method, path } = req;
    if (method === "GET" && path === "/gateway/bot") {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.shardCount,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
        },
      ];
    }
    if (method === "GET" && path === "/gateway") return [200, { url: this.gatewayUrl }];
    if (method === "GET" && path === "/users/@me") return [200, botUser];
    if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204, undefined];
    if (method === "PATCH" && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      return [200, this.botMessage(CHANNEL_ID, req.body)];
    }
    if (method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(path))
      return [200, this.botMessage(CHANNEL_ID, req.body)];
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === "POST" && channelMessage?.[1]) return [200, this.botMessage(channelMessage[1], req.body)];
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(req.body) ? req.body : [];
      return [
        200,
        commands.map((c: Json) => ({ id: COMMAND_ID, application_id: APP_ID, version: snowflake(), ...c })),
      ];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  private botMessage(channelId: string, body: Json): Json {
    return {
      id: snowflake(),
      channel_id: channelId,
      author: botUser,
      content: body?.content ?? "",
      ...messageFields(),
      mention_everyone: false,
      mentions: [],
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }

  // ---------------------------------------------------------------- gateway

  /** Resolves with the first IDENTIFY (op 2) or RESUME (op 6) payload, seen or future, matching. */
  waitForOp(op: number, match: (d: Json) => boolean = () => true): Promise<{ op: number; d: Json }> {
    const seen = this.gatewayOps.find((o) => o.op === op && match(o.d));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) =>
      this.opWaiters.push({ match: (o) => o.op === op && match(o.d), resolve }),
    );
  }

  private recordOp(item: { op: number; d: Json }): void {
    this.gatewayOps.push(item);
    for (const waiter of [...this.opWaiters]) {
      if (waiter.match(item)) {
        this.opWaiters.splice(this.opWaiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  }

  private onGateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", (code) => {
      this.sockets.delete(socket);
      this.clientCloseCodes.push(code);
    });
    socket.on("message", (data) => {
      const payload = JSON.parse(data.toString());
      this.onGatewayPayload(socket, payload);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
  }

  private onGatewayPayload(socket: WebSocket, payload: { op: number; d: Json }): void {
    switch (payload.op) {
      case 1:
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        return;
      case 2: {
        const shard: [number, number] = payload.d.shard ?? [0, 1];
        const session: GatewaySession = { socket, shard, sessionId: `session-${snowflake()}`, seq: 0 };
        this.sessions.set(shard[0], session);
        this.recordOp(payload);
        const guilds = this.shardOf(GUILD_ID) === shard[0] ? [{ id: GUILD_ID, unavailable: true }] : [];
        this.send(session, "READY", {
          v: 10,
          user: botUser,
          guilds,
          session_id: session.sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
          relationships: [],
          user_settings: {},
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
        });
        if (guilds.length > 0) this.send(session, "GUILD_CREATE", guildCreate());
        return;
      }
      case 6: {
        const session = [...this.sessions.values()].find((s) => s.sessionId === payload.d.session_id);
        this.recordOp(payload);
        if (!session) {
          socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
          return;
        }
        session.socket = socket;
        this.send(session, "RESUMED", {});
        return;
      }
      default:
        return;
    }
  }

  private send(session: GatewaySession, t: string, d: Json): void {
    session.seq += 1;
    session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  /** Sends a dispatch event on a shard's current connection. */
  dispatch(t: string, d: Json, shardId = this.shardOf(GUILD_ID)): void {
    const session = this.sessions.get(shardId);
    if (!session) throw new Error(`shard ${shardId} has not identified`);
    this.send(session, t, d);
  }

  /** Drops a shard's socket from the server side, as Discord does on a network blip. */
  dropConnection(shardId = 0, code = 4000): void {
    const session = this.sessions.get(shardId);
    if (!session) throw new Error(`shard ${shardId} has not identified`);
    session.socket.close(code, "fake discord dropped the connection");
  }

  /** Asks a shard to reconnect (opcode 7), as Discord does before moving a session. */
  requestReconnect(shardId = 0): void {
    const session = this.sessions.get(shardId);
    if (!session) throw new Error(`shard ${shardId} has not identified`);
    session.socket.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
  }

  /** Whether a shard currently has an open socket. */
  connected(shardId = 0): boolean {
    const session = this.sessions.get(shardId);
    return session !== undefined && session.socket.readyState === session.socket.OPEN;
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// -------------------------------------------------------------------- payload builders

function guildCreate(): Json {
  return {
    id: GUILD_ID,
    name: "Strike Test Server",
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: USER_ID,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: GUILD_ID,
        name: "@everyone",
        color: 0,
        hoist: false,
        position: 0,
        permissions: "1071698660929",
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "en-GB",
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    stickers: [],
    joined_at: NOW_ISO,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: botUser, roles: [], joined_at: NOW_ISO, deaf: false, mute: false, flags: 0 }],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        name: "general",
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      },
    ],
    threads: [
      {
        id: THREAD_ID,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: CHANNEL_ID,
        name: "strike questions",
        owner_id: USER_ID,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        last_message_id: null,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: NOW_ISO,
          locked: false,
        },
        total_message_sent: 0,
      },
    ],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface UserMessageOptions {
  content: string;
  /** Where: a guild channel (default), the thread, or a DM. */
  where?: "channel" | "thread" | "dm";
  mentionsBot?: boolean;
  /** The message this one replies to; `authorIsBot` makes it a reply to one of the bot's answers. */
  replyTo?: { id: string; authorIsBot: boolean };
  fromBot?: boolean;
  webhook?: boolean;
  mentionEveryone?: boolean;
}

/** A MESSAGE_CREATE payload from a user (or a bot/webhook, for the ignore tests). */
export function userMessage(options: UserMessageOptions): Json {
  const where = options.where ?? "channel";
  const channelId = where === "dm" ? DM_CHANNEL_ID : where === "thread" ? THREAD_ID : CHANNEL_ID;
  const author = options.fromBot ? otherBot : humanUser;
  const guild = where !== "dm";
  const mentions = options.mentionsBot ? [botUser] : [];
  return {
    id: snowflake(),
    channel_id: channelId,
    ...(guild
      ? {
          guild_id: GUILD_ID,
          member: { roles: [], joined_at: NOW_ISO, deaf: false, mute: false, flags: 0 },
          channel_type: where === "thread" ? 11 : 0,
        }
      : { channel_type: 1 }),
    author,
    content: options.content,
    ...messageFields(),
    mention_everyone: options.mentionEveryone ?? false,
    mentions,
    embeds: [],
    components: [],
    type: options.replyTo ? 19 : 0,
    flags: 0,
    ...(options.webhook ? { webhook_id: OTHER_BOT_ID } : {}),
    ...(options.replyTo
      ? {
          message_reference: {
            type: 0,
            message_id: options.replyTo.id,
            channel_id: channelId,
            ...(guild ? { guild_id: GUILD_ID } : {}),
          },
          referenced_message: {
            id: options.replyTo.id,
            channel_id: channelId,
            author: options.replyTo.authorIsBot ? botUser : humanUser,
            content: "",
            ...messageFields(),
            mention_everyone: false,
            mentions: [],
            embeds: [],
            type: 0,
            flags: 0,
          },
        }
      : {}),
  };
}

export interface InteractionOptions {
  /** Milliseconds since the Unix epoch the interaction was created at (default now). */
  createdAt?: number;
  where?: "channel" | "dm";
}

let interactionTokens = 0;

function interactionBase(type: number, data: Json, options: InteractionOptions = {}): Json {
  interactionTokens += 1;
  const dm = options.where === "dm";
  return {
    id: snowflake(options.createdAt),
    application_id: APP_ID,
    type,
    data,
    token: `interaction-token-${interactionTokens}`,
    version: 1,
    app_permissions: "2248473465835073",
    locale: "en-GB",
    entitlements: [],
    authorizing_integration_owners: dm ? { "1": USER_ID } : { "0": GUILD_ID },
    context: dm ? 1 : 0,
    attachment_size_limit: 8_388_608,
    ...(dm
      ? {
          channel_id: DM_CHANNEL_ID,
          channel: { id: DM_CHANNEL_ID, type: 1, recipients: [humanUser], last_message_id: null, flags: 0 },
          user: humanUser,
        }
      : {
          guild_id: GUILD_ID,
          guild_locale: "en-GB",
          channel_id: CHANNEL_ID,
          channel: {
            id: CHANNEL_ID,
            type: 0,
            guild_id: GUILD_ID,
            name: "general",
            position: 0,
            permissions: "2248473465835073",
            parent_id: null,
            nsfw: false,
            topic: null,
            last_message_id: null,
            rate_limit_per_user: 0,
            flags: 0,
          },
          member: {
            user: humanUser,
            roles: [],
            permissions: "2248473465835073",
            joined_at: NOW_ISO,
            deaf: false,
            mute: false,
            flags: 0,
            avatar: null,
            nick: null,
            premium_since: null,
            pending: false,
            communication_disabled_until: null,
          },
        }),
  };
}

export type OptionValues = Record<string, string | boolean>;

function subcommandData(subcommand: string, values: OptionValues, focused?: string): Json {
  return {
    id: COMMAND_ID,
    name: "strike",
    type: 1,
    options: [
      {
        type: 1,
        name: subcommand,
        options: Object.entries(values).map(([name, value]) => ({
          type: typeof value === "boolean" ? 5 : 3,
          name,
          value,
          ...(focused === name ? { focused: true } : {}),
        })),
      },
    ],
  };
}

/** An INTERACTION_CREATE payload for `/strike <subcommand> ...`. */
export function slashCommand(
  subcommand: string,
  values: OptionValues = {},
  options?: InteractionOptions,
): Json {
  return interactionBase(2, subcommandData(subcommand, values), options);
}

/** An autocomplete interaction while the user types `focused`. */
export function autocomplete(subcommand: string, values: OptionValues, focused: string): Json {
  return interactionBase(4, subcommandData(subcommand, values, focused));
}

/** A click on a button of one of the bot's messages. */
export function buttonClick(customId: string): Json {
  return {
    ...interactionBase(3, { custom_id: customId, component_type: 2 }),
    message: {
      id: snowflake(),
      channel_id: CHANNEL_ID,
      author: botUser,
      content: "",
      ...messageFields(),
      mention_everyone: false,
      mentions: [],
      embeds: [],
      components: [],
      type: 0,
      flags: 0,
    },
  };
}
