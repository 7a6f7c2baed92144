import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

export interface HealthReport {
  /** Ready to answer: the article is loaded and every configured platform is connected. */
  ready: boolean;
  stopping: boolean;
  article?: { title: string; loadedAt: string };
  /** Each configured platform and whether its connection is up. */
  platforms: Record<string, boolean>;
  /** Other conditions readiness needs (each adapter's delivery path: not failing, under its high-water mark). */
  checks: Record<string, boolean>;
}

/**
 * What /healthz reports, kept up to date by the entry point (article) and the adapters (connections).
 * Connection changes also move the `strike_bot_platform_connected` gauge.
 */
export class Health {
  private article: HealthReport["article"];
  private readonly platforms = new Map<string, boolean>();
  private readonly checks = new Map<string, () => boolean>();
  private stopping = false;

  constructor(private readonly metrics?: Metrics) {}

  /** A platform the process is configured for: not ready until it connects. */
  expect(platform: string): void {
    if (!this.platforms.has(platform)) this.connection(platform, false);
  }

  connection(platform: string, up: boolean): void {
    this.platforms.set(platform, up);
    this.metrics?.platformConnected.set({ platform }, up ? 1 : 0);
  }

  articleLoaded(title: string, at = new Date()): void {
    this.article = { title, loadedAt: at.toISOString() };
    this.metrics?.articleLoadedAt.set(Math.floor(at.getTime() / 1000));
  }

  /** A condition readiness also needs, asked at each report (e.g. "slack-delivery"). */
  check(name: string, healthy: () => boolean): void {
    this.checks.set(name, healthy);
  }

  markStopping(): void {
    this.stopping = true;
  }

  report(): HealthReport {
    const platforms = Object.fromEntries(this.platforms);
    const checks = Object.fromEntries([...this.checks].map(([name, healthy]) => [name, healthy()]));
    const ready =
      !this.stopping &&
      this.article !== undefined &&
      Object.values(platforms).every((up) => up) &&
      Object.values(checks).every((ok) => ok);
    return {
      ready,
      stopping: this.stopping,
      ...(this.article ? { article: this.article } : {}),
      platforms,
      checks,
    };
  }
}

export interface OpsRoutes {
  health: Health;
  metrics: Metrics;
  /** Extra fields for /healthz (the Slack adapter adds its in-flight count). */
  extra?: () => Record<string, unknown>;
}

/** GET /healthz: 200 when ready, else 503, with the report as JSON. */
export function serveHealth(routes: OpsRoutes, res: ServerResponse): void {
  const report = routes.health.report();
  res.writeHead(report.ready ? 200 : 503, {
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify({ ok: report.ready, ...report, ...routes.extra?.() }));
}

/** GET /metrics: the registry in Prometheus text format. */
export async function serveMetrics(routes: OpsRoutes, res: ServerResponse): Promise<void> {
  try {
    const body = await routes.metrics.registry.metrics();
    res.writeHead(200, { "content-type": routes.metrics.registry.contentType });
    res.end(body);
  } catch {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("metrics unavailable\n");
  }
}

/** Routes /healthz and /metrics; answers 404 to anything else and 405 to anything but GET/HEAD. */
export function opsHandler(routes: OpsRoutes) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/healthz" && path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
      res.end("method not allowed\n");
      return;
    }
    if (path === "/healthz") serveHealth(routes, res);
    else void serveMetrics(routes, res);
  };
}

export interface RunningOpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The stand-alone /healthz and /metrics server (HEALTH_PORT) for Socket Mode, Discord and the
 * terminal; in Slack HTTP mode the same routes are served on PORT beside /slack/events.
 */
export async function startOpsServer(
  port: number,
  routes: OpsRoutes,
  host?: string,
): Promise<RunningOpsServer> {
  const server: Server = createServer(opsHandler(routes));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: address !== null && typeof address === "object" ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
