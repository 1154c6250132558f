/** People talking to the web chat API without pause, each waiting for its reply before the next message. */
export interface Chatter {
  /** Stops after the turns under way; their figures. */
  stop(): Promise<ChatFigures>;
  /** Resolves once every conversation has had `n` replies. */
  replies(n: number): Promise<void>;
}

export interface ChatFigures {
  /** Each turn's time from request to reply, in ms, in order of completion. */
  latencies: number[];
  /** Turns that got no answer, an HTTP error or the error intent, with why. */
  failures: string[];
}

export function startChatter(base: string, texts: readonly string[], conversations = 1): Chatter {
  let stopping = false;
  const latencies: number[] = [];
  const failures: string[] = [];
  const done = Array.from({ length: conversations }, () => 0);
  const waiting: { n: number; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of waiting.splice(0)) {
      if (done.every((d) => d >= w.n)) w.resolve();
      else waiting.push(w);
    }
  };
  const talk = async (c: number) => {
    let conversationId: string | undefined;
    let cookie = '';
    for (let i = 0; !stopping; i++) {
      const text = texts[(i + c) % texts.length]!;
      const started = performance.now();
      try {
        const res = await fetch(`${base}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ text, ...(conversationId ? { conversationId } : {}) }),
        });
        cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
        const body = (await res.json()) as { conversationId?: string; intent?: string };
        conversationId = body.conversationId ?? conversationId;
        if (res.status !== 200 || body.intent === 'error') failures.push(`"${text}": HTTP ${res.status}, intent ${body.intent}`);
      } catch (error) {
        failures.push(`"${text}": ${(error as Error).message}`);
      }
      latencies.push(performance.now() - started);
      done[c]!++;
      wake();
    }
  };
  const running = Promise.all(done.map((_, c) => talk(c)));
  return {
    async stop() {
      stopping = true;
      await running;
      return { latencies, failures };
    },
    replies(n) {
      return new Promise((resolve) => {
        waiting.push({ n, resolve });
        wake();
      });
    },
  };
}

/** The p-th percentile of some ms, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
