import type { Capabilities } from '../../domain/message.js';

/** Slack shows Block Kit buttons and sections, takes file uploads and speaks mrkdwn. */
export const SLACK_CAPABILITIES: Capabilities = { buttons: true, cards: true, files: true, markdown: true };

/** Where a person talks to Orienta on Slack: their DM, or the thread of a mention. */
export interface SlackAddress {
  channel: string;
  thread_ts?: string;
}

/** An address read back from the store: only the shape Slack adapters wrote is trusted. */
export function asSlackAddress(value: unknown): SlackAddress | null {
  if (typeof value !== 'object' || value === null) return null;
  const { channel, thread_ts } = value as Record<string, unknown>;
  if (typeof channel !== 'string' || !/^[A-Z0-9]{2,40}$/.test(channel)) return null;
  if (thread_ts !== undefined && (typeof thread_ts !== 'string' || !/^\d+\.\d+$/.test(thread_ts))) return null;
  return { channel, ...(thread_ts ? { thread_ts } : {}) };
}
