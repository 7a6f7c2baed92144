/** Tracks answers in progress so shutdown can wait for them, and refuses new work once stopping. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;

  get isStopping(): boolean {
    return this.stopping;
  }

  get size(): number {
    return this.running.size;
  }

  /** Stops taking new work; what is running carries on. */
  refuse(): void {
    this.stopping = true;
  }

  /** Runs work unless stopping; the promise is tracked until it settles. */
  run(work: () => Promise<void>): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const p = work();
    this.running.add(p);
    const done = () => {
      this.running.delete(p);
    };
    p.then(done, done);
    return p;
  }

  /** Stops taking work and waits (up to timeoutMs) for what is running; true when everything finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = Promise.allSettled([...this.running]).then(() => true as const);
    const finished = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return finished;
  }
}
