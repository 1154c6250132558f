/**
 * Updates of one chat are handled one after the other, in the order they came (a quick "sì" must not
 * overtake the summary it answers); different chats go on at the same time.
 */
export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();

  run(chat: number | string, task: () => Promise<void>): Promise<void> {
    const key = String(chat);
    // The task logs its own failures; one failing never blocks the chat's next update.
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch(() => {});
    this.tails.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when everything taken so far is done (or after `timeoutMs`). */
  async drain(timeoutMs = 10_000): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }
}
