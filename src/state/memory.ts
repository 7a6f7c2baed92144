import { BoundedMap } from "../core/bounded-map.js";
import { type SharedState, STATE_DEFAULTS } from "./types.js";

interface Held {
  value: string;
  expiresAt: number;
}

/**
 * One process's state: bounded by time (each key's TTL) and by size (per namespace, so a flood of
 * event ids cannot push out the threads the bot is talking in).
 */
export class MemoryState implements SharedState {
  readonly kind = "memory" as const;
  private readonly spaces = new Map<string, BoundedMap<string, Held>>();

  constructor(
    private readonly maxPerNamespace: number = STATE_DEFAULTS.maxKeysPerNamespace,
    private readonly now: () => number = Date.now,
  ) {}

  private space(key: string): BoundedMap<string, Held> {
    const name = key.slice(0, Math.max(0, key.indexOf(":")));
    let space = this.spaces.get(name);
    if (!space) {
      space = new BoundedMap(this.maxPerNamespace);
      this.spaces.set(name, space);
    }
    return space;
  }

  private live(key: string): Held | undefined {
    const space = this.space(key);
    const held = space.peek(key);
    if (held && held.expiresAt <= this.now()) {
      space.delete(key);
      return undefined;
    }
    return held;
  }

  claimSync(key: string, ttlMs: number): boolean {
    if (this.live(key)) return false;
    this.space(key).set(key, { value: "1", expiresAt: this.now() + ttlMs });
    return true;
  }

  getSync(key: string): string | undefined {
    return this.live(key)?.value;
  }

  setSync(key: string, value: string, ttlMs: number): void {
    this.space(key).set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** Whether this process has the key (a claim, a thread), without using the shared store. */
  hasSync(key: string): boolean {
    return this.live(key) !== undefined;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.claimSync(key, ttlMs);
  }

  async get(key: string): Promise<string | undefined> {
    return this.getSync(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.setSync(key, value, ttlMs);
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.spaces.clear();
  }
}
