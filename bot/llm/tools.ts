import { z } from 'zod';
import type { ToolCall, ToolSpec } from './language-model.js';

/** What the model may do. Implemented by the engine over the store; nothing here has consequences. */
export interface AssistantTools {
  search(args: { query: string; kind?: RecordKind; limit?: number }): Promise<ToolRecord[]>;
  details(args: { kind: string; id: string }): Promise<ToolRecord | null>;
  listSlots(args: { refId: string }): Promise<ToolRecord[]>;
  /** Only records a proposal; the engine asks the user to confirm in the next turn. Never books. */
  proposeBooking(args: { slotId: string; people?: number }): Promise<{ proposed: boolean; message: string }>;
  handoff(args: { reason: string }): Promise<{ ok: boolean }>;
}

export interface ToolRecord {
  kind: string;
  id: string;
  title: string;
  /** Every fact of the record as text: what the model reads and what the grounding guard checks against. */
  text: string;
}

export const RECORD_KINDS = ['course', 'site', 'service', 'initiative', 'school', 'doc'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

// Bounds are sanity limits against a confused or manipulated model, not business rules: the engine
// checks capacity when the user confirms. 30 covers a school class booking a lab session.
const id = z.string().trim().min(1).max(40);
export const MAX_PEOPLE = 30;

const schemas = {
  search: z.object({
    query: z.string().trim().min(1).max(300).describe('What the user is looking for, in their words'),
    kind: z.enum(RECORD_KINDS).optional().describe('Only records of this kind'),
    limit: z.number().int().min(1).max(10).optional().describe('How many results, 5 by default'),
  }),
  details: z.object({
    kind: z.string().trim().min(1).max(20).describe('The kind of the record, as returned by search'),
    id: id.describe('The id of the record, as returned by search'),
  }),
  list_slots: z.object({ refId: id.describe('The id of a course, site, service or initiative') }),
  propose_booking: z.object({
    slotId: id.describe('The id of a slot returned by list_slots'),
    people: z.number().int().min(1).max(MAX_PEOPLE).optional().describe('How many people, 1 by default'),
  }),
  handoff: z.object({ reason: z.string().trim().min(1).max(500).describe('Why a human operator is needed, in one sentence') }),
};

export type ToolName = keyof typeof schemas;

const descriptions: Record<ToolName, string> = {
  search: 'Search the catalogue of the LTO Mantova network: courses, lab sites, job services, initiatives, schools, documents.',
  details: 'Get every fact of one record (dates, times, place, cost, contacts) by kind and id.',
  list_slots: 'List the bookable slots (editions, appointments, lab sessions, events) of a record, with date, time and free places.',
  propose_booking:
    'Propose a booking of a slot for the user. It does NOT book: the user is asked to confirm in the next turn. Use it only when the user asked to book.',
  handoff: 'Hand the conversation to a human operator, when the user asks for one or the catalogue has no answer.',
};

// The schema tells the model the argument object is closed; parsing still strips a stray key rather
// than spend a step of the turn on it.
export const TOOL_SPECS: ToolSpec[] = (Object.keys(schemas) as ToolName[]).map((name) => {
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(schemas[name]) as Record<string, unknown>;
  return { name, description: descriptions[name], parameters };
});

export type ParsedToolCall = { [N in ToolName]: { name: N; args: z.infer<(typeof schemas)[N]> } }[ToolName];

/** Parses and validates a call; the error text goes back to the model so it can correct itself. */
export function parseToolCall(call: ToolCall): { ok: true; call: ParsedToolCall } | { ok: false; error: string } {
  if (!Object.hasOwn(schemas, call.name)) {
    return { ok: false, error: `Unknown tool "${call.name}". Available tools: ${Object.keys(schemas).join(', ')}.` };
  }
  const name = call.name as ToolName;
  let json: unknown;
  try {
    // Some servers send "" for a call without arguments.
    json = call.arguments.trim() ? JSON.parse(call.arguments) : {};
  } catch {
    return { ok: false, error: `The arguments of ${name} are not valid JSON.` };
  }
  const parsed = schemas[name].safeParse(json);
  if (!parsed.success) return { ok: false, error: `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, call: { name, args: parsed.data } as ParsedToolCall };
}
