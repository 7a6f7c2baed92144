import type { IncomingMessage, ServerResponse } from "node:http";

/** Limits checked on every POST before Bolt reads the body or checks the signature. */
export interface RequestLimits {
  /** Slack's own payloads are a few KB; anything larger is refused unread. */
  maxBodyBytes: number;
  /** A request timestamped further than this from now, either way, is a replay or a broken clock. */
  maxSkewSeconds: number;
}

export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxBodyBytes: 64 * 1024,
  maxSkewSeconds: 5 * 60,
});

export type Rejection = { status: 401 | 411 | 413; reason: string };

/**
 * What to refuse before reading anything: a missing or stale timestamp (past or future), a missing
 * signature, or a declared body over the limit. Bodies without a declared length are refused too
 * (Slack always sends Content-Length), so no body is ever read whole before its size is known.
 */
export function checkRequest(
  headers: IncomingMessage["headers"],
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  nowSeconds = Math.floor(Date.now() / 1000),
): Rejection | undefined {
  const length = headers["content-length"];
  if (length === undefined) {
    if (headers["transfer-encoding"] !== undefined) return { status: 411, reason: "length required" };
  } else if (!/^\d+$/.test(length) || Number(length) > limits.maxBodyBytes) {
    return { status: 413, reason: "body too large" };
  }
  const rawTimestamp = headers["x-slack-request-timestamp"];
  const timestamp =
    typeof rawTimestamp === "string" && /^\d+$/.test(rawTimestamp) ? Number(rawTimestamp) : NaN;
  if (Number.isNaN(timestamp)) return { status: 401, reason: "missing timestamp" };
  if (Math.abs(nowSeconds - timestamp) > limits.maxSkewSeconds)
    return { status: 401, reason: "timestamp out of range" };
  if (typeof headers["x-slack-signature"] !== "string") return { status: 401, reason: "missing signature" };
  return undefined;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps a request listener: POSTs that fail checkRequest get their status and never reach Bolt. */
export function guardRequests(
  inner: Listener,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  onReject: (rejection: Rejection) => void = () => {},
): Listener {
  return (req, res) => {
    if (req.method === "POST") {
      const rejection = checkRequest(req.headers, limits);
      if (rejection !== undefined) {
        onReject(rejection);
        // Connection: close, so the unread body does not have to be drained to reuse the socket.
        res.writeHead(rejection.status, { "content-type": "text/plain", connection: "close" });
        res.end(rejection.reason);
        return;
      }
    }
    inner(req, res);
  };
}
