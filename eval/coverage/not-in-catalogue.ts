import { fold } from '../../text/normalize.js';

/**
 * Things people plausibly ask this network for that a catalogue may not offer. A topic is asked
 * only when none of its key words starts a word anywhere in the loaded catalogue's texts, so the
 * list adapts to the catalogue: load a hairdressing course and "parrucchiere" is no longer asked.
 * The keys include the closest neighbours of the topic, so that a record an honest answer could
 * fairly offer instead (a cooking course for pastry) also drops it.
 */
export interface Topic {
  id: string;
  /** Word beginnings, folded: "pasticc" holds for pasticceria and pasticcere. */
  keys: string[];
  formal: string;
  colloquial: string;
  en: string;
}

export const TOPICS: Topic[] = [
  { id: 'oss', keys: ['oss', 'socio sanitar', 'sociosanitar', 'assistenza agli anziani', 'badant'], formal: 'Avete un corso per diventare operatore socio-sanitario (OSS)?', colloquial: 'ce un corso oss x lavorare in casa di riposo?', en: 'Do you have a course to become a healthcare assistant (OSS)?' },
  { id: 'haccp', keys: ['haccp', 'alimentarist', 'igiene degli alimenti', 'sicurezza alimentare'], formal: 'Organizzate corsi HACCP per alimentaristi?', colloquial: 'mi serve l attestato haccp, fate il corso?', en: 'Do you run HACCP food hygiene courses?' },
  { id: 'pastry', keys: ['pasticc', 'dolci', 'panettier', 'panificazion', 'pastry', 'cucin', 'ristorazion', 'alberghier', 'enogastronom'], formal: 'C\'è un corso di pasticceria?', colloquial: 'vorrei fare un corso da pasticcere, ce qualcosa?', en: 'Is there a pastry course?' },
  { id: 'hairdresser', keys: ['parrucch', 'acconciat', 'barbier', 'hairdress', 'estetic', 'benessere'], formal: 'Avete un corso per parrucchiere?', colloquial: 'corso x diventare parrucchiera?', en: 'Do you have a hairdressing course?' },
  { id: 'boat-licence', keys: ['nautic', 'patente nautica', 'barca', 'imbarcazion', 'vela'], formal: 'Si può fare il corso per la patente nautica?', colloquial: 'fate il corso x la patente nautica?', en: 'Can I take a boating licence course?' },
  { id: 'nursing', keys: ['infermier', 'nursing'], formal: 'Ci sono corsi di infermieristica?', colloquial: 'corsi x fare l infermiere?', en: 'Are there any nursing courses?' },
  { id: 'yoga', keys: ['yoga', 'pilates', 'meditazion'], formal: 'Organizzate corsi di yoga?', colloquial: 'ce un corso di yoga la sera?', en: 'Do you have yoga classes?' },
  { id: 'chinese', keys: ['cines', 'mandarin', 'chinese'], formal: 'Avete un corso di lingua cinese?', colloquial: 'vorrei imparare il cinese, fate corsi?', en: 'Do you offer a Chinese language course?' },
  { id: 'pilot', keys: ['pilot', 'aviazion', 'aeronautic', 'aereo', 'aerei', 'campo volo', 'droni', 'drone'], formal: 'C\'è un corso per diventare pilota di aerei?', colloquial: 'corso x pilota d aereo?', en: 'Is there a course to become an airline pilot?' },
  { id: 'sommelier', keys: ['sommelier', 'enolog', 'vino', 'vini', 'vinific', 'viticol', 'degustazion', 'cantina'], formal: 'Organizzate un corso da sommelier?', colloquial: 'fate il corso x sommelier?', en: 'Do you run a sommelier course?' },
  { id: 'german', keys: ['tedesc', 'german'], formal: 'Avete un corso di lingua tedesca?', colloquial: 'ce un corso di tedesco?', en: 'Do you have a German language course?' },
  { id: 'swimming', keys: ['nuoto', 'bagnin', 'piscin', 'swim', 'salvamento'], formal: 'Organizzate corsi di nuoto o per bagnino?', colloquial: 'corso bagnino x l estate?', en: 'Do you have swimming or lifeguard courses?' },
  { id: 'guitar', keys: ['chitarr', 'music', 'guitar'], formal: 'C\'è un corso di chitarra?', colloquial: 'vorrei imparare a suonare la chitarra, ce un corso?', en: 'Is there a guitar course?' },
  { id: 'photography', keys: ['fotograf', 'photograph', 'video', 'reflex'], formal: 'Avete un corso di fotografia?', colloquial: 'corso di fotografia con la reflex?', en: 'Do you have a photography course?' },
  { id: 'tattoo', keys: ['tatua', 'tattoo', 'piercing'], formal: 'Esiste un corso per tatuatori?', colloquial: 'ce un corso x diventare tatuatore?', en: 'Is there a course to become a tattoo artist?' },
  { id: 'driving', keys: ['patente', 'autoscuol', 'driving', 'guida sicura'], formal: 'Posso fare qui la patente di guida B?', colloquial: 'fate anche la patente b?', en: 'Can I get my driving licence here?' },
  { id: 'japanese', keys: ['giappones', 'japanese'], formal: 'Avete un corso di giapponese?', colloquial: 'corso di giapponese?', en: 'Do you have a Japanese course?' },
  { id: 'real-estate', keys: ['immobiliar', 'real estate', 'agente di commercio'], formal: 'C\'è un corso per diventare agente immobiliare?', colloquial: 'corso x agente immobiliare?', en: 'Is there a real estate agent course?' },
  { id: 'dance', keys: ['ballo', 'balli', 'danza', 'dance', 'dancing'], formal: 'Organizzate corsi di danza?', colloquial: 'fate corsi di ballo?', en: 'Do you have dance classes?' },
  { id: 'theatre', keys: ['teatr', 'recitazion', 'theatre', 'theater', 'acting', 'attore'], formal: 'Avete un corso di teatro?', colloquial: 'ce un corso di recitazione?', en: 'Do you have an acting course?' },
  { id: 'bartender', keys: ['barman', 'bartend', 'cocktail', 'sala bar', 'caffetteri', 'barista'], formal: 'C\'è un corso per barman?', colloquial: 'corso x fare il barman?', en: 'Is there a bartending course?' },
  { id: 'sewing', keys: ['sartori', 'cucito', 'sewing', 'tailor', 'taglio e cucito', 'fashion'], formal: 'Organizzate un corso di taglio e cucito?', colloquial: 'ce un corso di cucito?', en: 'Do you have a sewing course?' },
  { id: 'first-aid', keys: ['primo soccorso', 'blsd', 'defibrillat', 'first aid', 'rianimazion'], formal: 'Avete un corso di primo soccorso BLSD?', colloquial: 'corso primo soccorso?', en: 'Do you offer a first aid course?' },
  { id: 'woodwork', keys: ['falegnam', 'legno', 'carpent', 'woodwork', 'ebanist'], formal: 'C\'è un corso di falegnameria?', colloquial: 'corso x falegname?', en: 'Is there a woodworking course?' },
  { id: 'ice-cream', keys: ['gelat', 'ice cream'], formal: 'Avete un corso per gelatieri?', colloquial: 'corso x fare il gelataio?', en: 'Do you have an ice-cream making course?' },
  { id: 'dog-grooming', keys: ['toelett', 'cani', 'cane', 'animali', 'veterinar', 'dog'], formal: 'C\'è un corso di toelettatura per cani?', colloquial: 'corso toelettatura cani?', en: 'Is there a dog grooming course?' },
];

/** Every text a catalogue's records hold, folded, with spaces around: what the topics are looked up in. */
export function catalogueText(records: readonly unknown[]): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  records.forEach(walk);
  return ` ${fold(parts.join(' \n '))} `;
}

/** The key of the topic that the catalogue holds, if any: the reason it is not asked. */
export function heldKey(topic: Topic, text: string): string | undefined {
  return topic.keys.find((k) => text.includes(` ${fold(k)}`));
}

/** The topics none of whose keys the catalogue holds, and those dropped with the key found. */
export function topicsMissing(records: readonly unknown[], topics: readonly Topic[] = TOPICS): { kept: Topic[]; dropped: { topic: Topic; key: string }[] } {
  const text = catalogueText(records);
  const kept: Topic[] = [];
  const dropped: { topic: Topic; key: string }[] = [];
  for (const topic of topics) {
    const key = heldKey(topic, text);
    if (key) dropped.push({ topic, key });
    else kept.push(topic);
  }
  return { kept, dropped };
}
