export type InboundSmsKind = 'opt_out' | 'opt_in' | 'help' | 'other';

/** Accents off, trailing full stops and exclamation marks off, upper case: "Arrêt !" → "ARRET". */
function normalizeWord(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/[.!]+$/, '')
    .trim()
    .toUpperCase();
}

/**
 * Twilio's standard opt-out, opt-in and help keywords, plus their usual equivalents in each
 * language Retour writes surveys in (French ARRET, Spanish BAJA/ALTO, German STOPP/HALT,
 * Dutch AFMELDEN, Polish REZYGNUJĘ, Arabic توقف…). YES is a Twilio opt-in keyword but is left
 * out: a customer may well answer a survey with "yes", and that must not be read as an opt-in
 * (nor OUI, SÍ, JA by analogy). Words a satisfied customer might send alone ("fine", "fin")
 * are not keywords either.
 */
const WORDS: Record<InboundSmsKind, readonly string[]> = {
  opt_out: [
    'STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT',
    'ARRET', 'DESABONNER', 'DESINSCRIRE',
    'BAJA', 'ALTO', 'PARAR', 'CANCELAR',
    'STOPP', 'HALT', 'ABMELDEN',
    'ANNULLA', 'DISISCRIVIMI',
    'SAIR',
    'STOPPEN', 'AFMELDEN',
    'REZYGNUJĘ', 'WYPISZ',
    'توقف', 'إلغاء',
  ],
  opt_in: ['START', 'UNSTOP'],
  help: ['HELP', 'INFO', 'AIDE', 'AYUDA', 'HILFE', 'AIUTO', 'AJUDA', 'HULP', 'POMOC', 'مساعدة'],
  other: [],
}; // prettier-ignore

const KEYWORDS = new Map<string, InboundSmsKind>(
  (Object.entries(WORDS) as [InboundSmsKind, readonly string[]][]).flatMap(([kind, words]) =>
    words.map((w) => [normalizeWord(w), kind] as const),
  ),
);

/** Whole-message keywords only: "stop calling me at work" is a comment, not an opt-out. */
export function classifyInboundSms(body: string): InboundSmsKind {
  return KEYWORDS.get(normalizeWord(body)) ?? 'other';
}
