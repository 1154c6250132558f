import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

export interface Served {
  child: ChildProcess;
  port: number;
  log: () => string;
  /** Resolves once the server's log shows `pattern` (at once when it already does); rejects if it exits first. */
  logged: (pattern: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `orienta serve` the way `npm start` does, on a free port, and waits until it listens. */
export function serve(env: Record<string, string>, args: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env } });
  let log = '';
  const waiting = new Set<{ pattern: RegExp; found: () => void; gone: (e: Error) => void }>();
  const exited = new Promise<number | null>((r) => child.on('close', r));
  const logged = (pattern: RegExp) =>
    new Promise<void>((found, gone) => {
      if (pattern.test(log)) return found();
      waiting.add({ pattern, found, gone });
    });
  void exited.then((code) => {
    for (const w of waiting) w.gone(new Error(`server exited with ${code} before its log showed ${w.pattern}:\n${log}`));
    waiting.clear();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that never said it listens must not outlive the caller.
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${log}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      log += d;
      for (const w of waiting) if (w.pattern.test(log)) (waiting.delete(w), w.found());
      const m = log.match(/listening on http:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), log: () => log, logged, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
}

