import type { Hono } from 'hono';
import type { Channel, ExchangeKit } from '../channel.js';
import { chatApi, type WebSettings } from './chat-api.js';

export interface WebPorts {
  kit: ExchangeKit;
  visitorKey: () => Promise<Buffer>;
  logger: { warn(obj: object, msg?: string): void };
}

/**
 * The web widget's chat as a channel like the others: its API on the one server, its turns through
 * the kit. It cannot reach a person unasked (no `send`): what is meant for a visitor outside a turn
 * waits in their conversation for the page to fetch.
 */
export class WebChannel implements Channel {
  readonly name = 'web';
  private accepting = true;

  constructor(
    private readonly settings: WebSettings,
    private readonly ports: WebPorts,
  ) {}

  routes(app: Hono): void {
    app.route('/api/chat', chatApi({ ...this.settings, ...this.ports, accepting: () => this.accepting }));
  }

  async start(): Promise<void> {
    this.accepting = true;
  }

  /** New requests get 503 (the page tries again); turns already taken finish and are drained by the kit. */
  async stop(): Promise<void> {
    this.accepting = false;
  }
}
