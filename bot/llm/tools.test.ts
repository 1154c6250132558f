import { describe, expect, it } from 'vitest';
import { MAX_PEOPLE, parseToolCall, TOOL_SPECS } from './tools.js';

const call = (name: string, args: unknown) => parseToolCall({ id: 'c', name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });

describe('TOOL_SPECS', () => {
  it('describes every tool with a closed JSON schema and no $schema key', () => {
    for (const spec of TOOL_SPECS) {
      expect(spec.name).toMatch(/^[a-z_]{1,64}$/);
      expect(spec.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(spec.parameters).not.toHaveProperty('$schema');
    }
    const search = TOOL_SPECS.find((s) => s.name === 'search')!.parameters as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(search.required).toEqual(['query']);
    expect(search.properties.kind!.enum).toEqual(['course', 'site', 'service', 'initiative', 'school', 'doc']);
  });
});

describe('parseToolCall', () => {
  it('validates and trims the arguments of each tool', () => {
    expect(call('search', { query: ' saldatura ', kind: 'course', limit: 3 })).toEqual({ ok: true, call: { name: 'search', args: { query: 'saldatura', kind: 'course', limit: 3 } } });
    expect(call('details', { kind: 'site', id: 'S02' })).toMatchObject({ ok: true });
    expect(call('list_slots', { refId: 'C001' })).toMatchObject({ ok: true });
    expect(call('propose_booking', { slotId: 'SL001' })).toEqual({ ok: true, call: { name: 'propose_booking', args: { slotId: 'SL001' } } });
    expect(call('handoff', { reason: 'chiede un operatore' })).toMatchObject({ ok: true });
  });

  it('drops a stray key instead of refusing the call', () => {
    expect(call('search', { query: 'x', extra: true })).toEqual({ ok: true, call: { name: 'search', args: { query: 'x' } } });
  });

  it('takes empty arguments as an empty object', () => {
    expect(call('search', '')).toMatchObject({ ok: false, error: expect.stringContaining('query') });
  });

  it.each([
    ['search', { query: 'x', limit: 50 }],
    ['details', { kind: 'course' }],
    ['propose_booking', { slotId: 'SL001', people: MAX_PEOPLE + 1 }],
    ['propose_booking', { slotId: 'SL001', people: 1.5 }],
    ['propose_booking', { slotId: 'SL001', people: '2' }],
    ['handoff', { reason: '' }],
    ['search', '[1, 2]'],
  ])('refuses %s %j', (name, args) => {
    expect(call(name, args).ok).toBe(false);
  });

  it('does not take inherited names for tools', () => {
    expect(call('toString', {})).toMatchObject({ ok: false, error: expect.stringContaining('Unknown tool') });
  });
});
