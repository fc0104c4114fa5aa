import type { LandingChrome } from './types';

export const de: LandingChrome = {
  optional: 'optional',
  send: 'Senden',
  scoreMissing: 'Bitte wählen Sie eine Bewertung.',
  commentTooLong: 'Ihr Kommentar darf höchstens 2.000 Zeichen lang sein.',
  nonceExpired: 'Diese Seite war lange geöffnet: Bitte senden Sie Ihre Antwort erneut.',
  nonceInvalid: 'Wir konnten dieses Formular nicht prüfen: Bitte senden Sie Ihre Antwort erneut.',
  recorded:
    'Danke, Ihre Bewertung wurde gespeichert. Sie können sie noch ändern oder einen Kommentar hinzufügen.',
  editing: 'Sie haben bereits geantwortet. Sie können Ihre Antwort 24 Stunden lang ändern.',
  confirmChange:
    'Sie haben bereits geantwortet. Um Ihre Bewertung durch die unten gewählte zu ersetzen, tippen Sie auf Senden.',
  yourAnswer: 'Ihre Antwort',
  score: 'Bewertung',
  comment: 'Kommentar',
  locked: 'Diese Antwort kann nicht mehr geändert werden. Vielen Dank!',
  followUp:
    'Es tut uns leid, dass Sie diese Erfahrung gemacht haben. Jemand von {{company}} meldet sich bei Ihnen.',
  reviewAsk: 'Möchten Sie Ihre Erfahrung mit anderen teilen?',
  reviewLink: 'Bewertung schreiben',
  change: 'Meine Antwort ändern',
  closedTitle: 'Diese Umfrage ist beendet',
  closedText: 'Danke für Ihr Interesse. Diese Umfrage nimmt keine Antworten mehr an.',
  notFoundTitle: 'Umfrage nicht gefunden',
  notFoundText: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig kopiert wurde.',
  errorTitle: 'Etwas ist schiefgelaufen',
  errorText:
    'Ihre Antwort konnte gerade nicht verarbeitet werden. Bitte versuchen Sie es gleich noch einmal.',
  tooManyTitle: 'Zu viele Versuche',
  tooManyText: 'Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  smsThanks: 'Danke für Ihre Antwort! Für einen Kommentar: {{link}}',
  smsReask:
    'Entschuldigung, das haben wir nicht verstanden. Bitte antworten Sie mit einer Zahl von {{min}} bis {{max}}.',
  smsNoted: 'Danke, Ihre Nachricht wurde weitergeleitet.',
};
