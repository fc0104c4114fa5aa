import type { LandingChrome } from './types';

export const nl: LandingChrome = {
  optional: 'optioneel',
  send: 'Verzenden',
  scoreMissing: 'Kies een score.',
  commentTooLong: 'Uw opmerking mag maximaal 2.000 tekens lang zijn.',
  nonceExpired: 'Deze pagina stond lang open: verzend uw antwoord opnieuw.',
  nonceInvalid: 'We konden dit formulier niet controleren: verzend uw antwoord opnieuw.',
  recorded: 'Bedankt, uw score is opgeslagen. U kunt hem nog wijzigen of een opmerking toevoegen.',
  editing: 'U hebt al geantwoord. U kunt uw antwoord 24 uur lang wijzigen.',
  confirmChange:
    'U hebt al geantwoord. Tik op Verzenden om uw score te vervangen door de score die hieronder is gekozen.',
  yourAnswer: 'Uw antwoord',
  score: 'Score',
  comment: 'Opmerking',
  locked: 'Dit antwoord kan niet meer worden gewijzigd. Bedankt!',
  followUp:
    'Het spijt ons dat u dit hebt meegemaakt. Iemand van {{company}} neemt contact met u op.',
  reviewAsk: 'Wilt u uw ervaring met anderen delen?',
  reviewLink: 'Schrijf een review',
  change: 'Mijn antwoord wijzigen',
  closedTitle: 'Deze enquête is gesloten',
  closedText: 'Bedankt voor uw interesse. Deze enquête neemt geen antwoorden meer aan.',
  notFoundTitle: 'Enquête niet gevonden',
  notFoundText: 'Deze link is niet geldig. Controleer of hij volledig is gekopieerd.',
  errorTitle: 'Er is iets misgegaan',
  errorText: 'Uw antwoord kon nu niet worden verwerkt. Probeer het zo meteen opnieuw.',
  tooManyTitle: 'Te veel pogingen',
  tooManyText: 'Wacht een paar minuten en probeer het dan opnieuw.',
  smsThanks: 'Bedankt voor uw antwoord! Een opmerking toevoegen: {{link}}',
  smsReask: 'Sorry, dat begrepen we niet. Antwoord met een cijfer van {{min}} tot {{max}}.',
  smsNoted: 'Bedankt, uw bericht is doorgegeven.',
};
