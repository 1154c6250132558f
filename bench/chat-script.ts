/** What each benchmark conversation says, in turn: searches, refinements, codes, a service, English, thanks. */
export const CHAT_SCRIPT = ['corsi di stampa 3d a viadana', 'e online?', 'C001', 'quando inizia?', 'come faccio la DID?', 'orari del centro per l impiego di Suzzara', 'welding course', 'grazie'];
