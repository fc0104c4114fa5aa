import type { LandingChrome } from './types';

export const it: LandingChrome = {
  optional: 'facoltativo',
  send: 'Invia',
  scoreMissing: 'Scelga un punteggio.',
  commentTooLong: 'Il commento può contenere al massimo 2.000 caratteri.',
  nonceExpired: 'Questa pagina è rimasta aperta a lungo: invii di nuovo la sua risposta.',
  nonceInvalid: 'Non è stato possibile verificare questo modulo: invii di nuovo la sua risposta.',
  recorded:
    'Grazie, il suo punteggio è stato registrato. Può ancora modificarlo o aggiungere un commento.',
  editing: 'Ha già risposto. Può modificare la sua risposta per 24 ore.',
  confirmChange:
    'Ha già risposto. Per sostituire il punteggio con quello selezionato qui sotto, prema Invia.',
  yourAnswer: 'La sua risposta',
  score: 'Punteggio',
  comment: 'Commento',
  locked: 'Questa risposta non può più essere modificata. Grazie!',
  followUp: 'Ci dispiace per la sua esperienza. Una persona di {{company}} la ricontatterà.',
  reviewAsk: 'Vuole condividere la sua esperienza con altri?',
  reviewLink: 'Lascia una recensione',
  change: 'Modifica la mia risposta',
  closedTitle: 'Questo sondaggio è chiuso',
  closedText: 'Grazie per l’interesse. Questo sondaggio non accetta più risposte.',
  notFoundTitle: 'Sondaggio non trovato',
  notFoundText: 'Questo link non è valido. Verifichi di averlo copiato per intero.',
  errorTitle: 'Si è verificato un errore',
  errorText: 'Non è stato possibile elaborare la sua risposta. Riprovi tra un momento.',
  tooManyTitle: 'Troppi tentativi',
  tooManyText: 'Attenda qualche minuto, poi riprovi.',
  smsThanks: 'Grazie per la sua risposta! Per aggiungere un commento: {{link}}',
  smsReask: 'Ci scusi, non abbiamo capito. Risponda con un numero da {{min}} a {{max}}.',
  smsNoted: 'Grazie, il suo messaggio è stato inoltrato.',
};
