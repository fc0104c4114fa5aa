import { NAME, type BuiltInTexts } from './types';

export const it: BuiltInTexts = {
  nps: {
    question: 'Con quale probabilità consiglierebbe {{company}} a un amico o a un collega?',
    followUp: 'Qual è il motivo principale del suo punteggio?',
    sms: `Salve${NAME}, grazie per aver contattato {{company}}. Da 0 a 10, con quale probabilità ci consiglierebbe? Risponda con un numero o tocchi {{link}}`,
  },
  csat: {
    question: 'Quanto è soddisfatto dell’aiuto ricevuto da {{company}}?',
    followUp: 'Cosa avremmo potuto fare meglio?',
    sms: `Salve${NAME}, quanto è soddisfatto del contatto con {{company}}? Dia un voto da 1 a 5: risponda con un numero o tocchi {{link}}`,
  },
  ces: {
    question: 'Quanto sforzo ha dovuto fare personalmente per gestire la sua richiesta?',
    followUp: 'Cosa l’ha resa facile o difficile?',
    sms: `Salve${NAME}, da 1 (pochissimo) a 5 (moltissimo), quanto sforzo ha dovuto fare per la sua richiesta a {{company}}? Risponda con un numero o tocchi {{link}}`,
  },
  thankYou: 'Grazie per il suo feedback!',
  scale: {
    npsLow: 'Per niente probabile',
    npsHigh: 'Estremamente probabile',
    cesEffortLow: 'Pochissimo sforzo',
    cesEffortHigh: 'Moltissimo sforzo',
    cesAgreeLow: 'Per niente d’accordo',
    cesAgreeHigh: 'Completamente d’accordo',
    csatWords: [
      'Molto insoddisfatto',
      'Insoddisfatto',
      'Né soddisfatto né insoddisfatto',
      'Soddisfatto',
      'Molto soddisfatto',
    ],
  },
  email: {
    reminder: 'Promemoria: ',
    open: 'Oppure apra il questionario:',
    footer: 'Riceve questa e-mail perché ha contattato',
    score: 'Punteggio',
  },
  templates: {
    chat: 'Com’è andata? Ce lo dica con un clic: {{link}}',
    emailSubject: '{{company}}: una domanda sulla sua richiesta',
    emailText: `Salve${NAME},\n\ngrazie per aver contattato {{company}}{{#if agentName}}. Per {{agentName}} è stato un piacere aiutarla{{/if}}. Risponderebbe a una domanda? Bastano dieci secondi.`,
    reminder: 'Promemoria da {{company}}: la sua opinione conta e richiede 10 secondi: {{link}}',
  },
};
