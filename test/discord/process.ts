import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** Sends a signal if still running, waits for exit, and returns the code. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Runs a built script (dist/...) as its own Node process with only the given environment (plus
 * PATH), so no DISCORD_* or SLACK_* variable of the developer's shell leaks in.
 */
export function spawnBuilt(script: string, env: Record<string, string>): Spawned {
  const path = `${ROOT}${script}`;
  if (!existsSync(path)) throw new Error(`${script} is missing: run npm run build first`);
  const child = spawn(process.execPath, [path], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
