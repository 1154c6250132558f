import { shortLabel } from '../answer/format.js';
import { encodeAction } from '../../domain/action.js';
import { render, titleOf } from '../answer/records.js';
import { formatKm } from '../answer/format.js';
import { t } from '../answer/texts.js';
import { loadRecords } from './search.js';
import { choices, text, uniqueCitations, type Answer, type Turn } from './turn.js';

/** A shared location: the nearest sites of the network, with their distance. */
export async function nearestSites(turn: Turn, at: { lat: number; lon: number }): Promise<Answer> {
  const T = t(turn.lang);
  const near = await turn.deps.catalogue.sitesNear(at.lat, at.lon, 3);
  if (near.length === 0) return { intent: 'site_info', messages: [text(T.nothingFoundPlain)], citations: [] };
  const { records, ctx } = await loadRecords(turn, near.map((n) => ({ kind: 'site' as const, id: n.site.id })));
  const rendered = records.map((r) => render(r, ctx));
  const lines = rendered.map((r, i) => `${i + 1}. ${r.line} (${T.kmAway(formatKm(near[i]!.km, turn.lang))})`);
  const picks = records.map((r) => ({ label: shortLabel(`${T.actions.details}: ${titleOf(r)}`), action: encodeAction({ type: 'details', ref: { kind: 'site', id: r.record.id } }) }));
  return {
    intent: 'site_info',
    messages: turn.caps.cards
      ? [text(T.nearest), ...rendered.map((r, i) => ({ ...r.card, subtitle: `${r.card.subtitle ?? ''} · ${T.kmAway(formatKm(near[i]!.km, turn.lang))}` })), choices(T.whatNext, picks)]
      : [text([T.nearest, ...lines].join('\n\n')), choices(T.whatNext, picks)],
    citations: uniqueCitations(rendered.flatMap((r) => r.citations)),
    state: { shown: records.map((r) => ({ kind: 'site' as const, id: r.record.id })), choices: picks },
  };
}
