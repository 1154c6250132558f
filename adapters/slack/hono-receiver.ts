import type { App, Receiver } from '@slack/bolt';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { httpError } from '../http-errors.js';
import { verifySlackSignature } from './verify.js';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export interface HonoReceiverOptions {
  signingSecret: string;
  logger: Log;
  /** Events, interactivity and slash commands all come here: one Request URL for the whole Slack app. */
  path?: string;
  /** Slack's payloads are a few KB; anything much bigger is not Slack. */
  maxBodyBytes?: number;
  /** Slack gives up after 3 s: a listener that has not acknowledged by then is answered for it. */
  ackTimeoutMs?: number;
  /** Real time for the signature's freshness (not ORIENTA_NOW, which may pin the business day). */
  nowMs?: () => number;
}

/**
 * Bolt's receiver for the one Hono server (bolt's custom-receiver pattern: receivers only carry
 * requests, listeners do the work). Every request is verified before bolt sees it: a bad, stale or
 * unsigned one gets 401 and no listener runs. The HTTP answer goes back when the listener calls
 * ack(), so a turn runs after Slack already has its 200.
 */
export class HonoReceiver implements Receiver {
  private app: App | undefined;
  private accepting = true;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly path: string;
  private readonly maxBody: number;
  private readonly ackTimeoutMs: number;
  private readonly nowMs: () => number;

  constructor(private readonly o: HonoReceiverOptions) {
    if (!o.signingSecret) throw new Error('HonoReceiver needs the Slack signing secret (SLACK_SIGNING_SECRET, from the app’s Basic Information page)');
    this.path = o.path ?? '/slack/events';
    this.maxBody = o.maxBodyBytes ?? 128 * 1024;
    this.ackTimeoutMs = o.ackTimeoutMs ?? 2500;
    this.nowMs = o.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    this.accepting = true;
  }

  /** Takes no new request (Slack retries a 503 later); the ones taken finish, up to `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    const pending = [...this.inFlight];
    if (pending.length) await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /** Resolves once every request taken so far has been handled, its answer posted (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  mount(hono: Hono): void {
    hono.post(this.path, bodyLimit({ maxSize: this.maxBody, onError: (c) => httpError(c, 'TOO_LARGE') }), (c) => this.handle(c));
  }

  private async handle(c: Context): Promise<Response> {
    const raw = await c.req.text();
    const verdict = verifySlackSignature({
      signingSecret: this.o.signingSecret,
      rawBody: raw,
      signature: c.req.header('x-slack-signature'),
      timestamp: c.req.header('x-slack-request-timestamp'),
      nowMs: this.nowMs(),
    });
    if (!verdict.ok) {
      this.o.logger.warn({ reason: verdict.reason }, 'slack request refused: not signed by Slack');
      return httpError(c, 'UNAUTHENTICATED');
    }
    if (!this.accepting || !this.app) return httpError(c, 'SHUTTING_DOWN');
    const body = parseBody(raw, c.req.header('content-type') ?? '');
    if (!body) return httpError(c, 'INPUT_INVALID');
    if (body.ssl_check) return c.body(null, 200);
    // Signed but not one of Slack's requests: refused before bolt, whose listeners expect real ones.
    if (!isSlackRequest(body)) return httpError(c, 'INPUT_INVALID');
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    const retryNum = Number(c.req.header('x-slack-retry-num'));
    const retryReason = c.req.header('x-slack-retry-reason');
    return this.dispatch(this.app, body, Number.isInteger(retryNum) ? retryNum : undefined, retryReason);
  }

  private dispatch(app: App, body: Record<string, unknown>, retryNum: number | undefined, retryReason: string | undefined): Promise<Response> {
    return new Promise((resolve) => {
      let answered = false;
      const answer = (response: Response) => {
        if (answered) return false;
        answered = true;
        clearTimeout(timer);
        resolve(response);
        return true;
      };
      const timer = setTimeout(() => {
        if (answer(new Response(null, { status: 200 }))) this.o.logger.warn({ type: body.type }, 'slack request not acknowledged in time; answered for the listener');
      }, this.ackTimeoutMs);
      const ack = async (response?: unknown) => {
        if (!answer(toResponse(response))) this.o.logger.warn({ type: body.type }, 'slack request acknowledged twice or too late');
      };
      const work = app
        .processEvent({ body, ack, ...(retryNum !== undefined ? { retryNum } : {}), ...(retryReason ? { retryReason } : {}) })
        .catch((error) => this.o.logger.error({ err: error, type: body.type }, 'slack listener failed'))
        // Nothing acknowledged (no listener for it): Slack still gets its 200, so it does not retry.
        .finally(() => {
          answer(new Response(null, { status: 200 }));
          this.inFlight.delete(work);
        });
      this.inFlight.add(work);
    });
  }
}

/** Events come as JSON; interactivity as a form with a JSON `payload`; slash commands as a plain form. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      const parsed: unknown = payload !== null ? JSON.parse(payload) : Object.fromEntries(form);
      return isObject(parsed) ? parsed : null;
    }
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The shapes Slack sends to a Request URL: an Events API envelope, an interaction payload, a slash command. */
function isSlackRequest(body: Record<string, unknown>): boolean {
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  switch (body.type) {
    case 'url_verification':
      return str(body.challenge);
    case 'event_callback':
      return isObject(body.event) && str(body.event.type);
    case 'app_rate_limited':
      return true;
    case 'block_actions':
    case 'view_submission':
    case 'view_closed':
    case 'shortcut':
    case 'message_action':
    case 'block_suggestion':
    case 'interactive_message':
      return isObject(body.user) && str(body.user.id);
    default:
      return body.type === undefined && typeof body.command === 'string' && body.command.startsWith('/') && str(body.user_id) && str(body.team_id);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toResponse(response: unknown): Response {
  if (response === undefined || response === null || response === '') return new Response(null, { status: 200 });
  if (typeof response === 'string') return new Response(response, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(response, { status: 200 });
}
