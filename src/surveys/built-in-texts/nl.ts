import { NAME, type BuiltInTexts } from './types';

export const nl: BuiltInTexts = {
  nps: {
    question: 'Hoe waarschijnlijk is het dat u {{company}} aanbeveelt aan een vriend of collega?',
    followUp: 'Wat is de belangrijkste reden voor uw score?',
    sms: `Hallo${NAME}, bedankt voor uw contact met {{company}}. Hoe waarschijnlijk is het dat u ons aanbeveelt, van 0 tot 10? Antwoord met een cijfer of tik op {{link}}`,
  },
  csat: {
    question: 'Hoe tevreden bent u met de hulp die u van {{company}} hebt gekregen?',
    followUp: 'Wat hadden we beter kunnen doen?',
    sms: `Hallo${NAME}, hoe tevreden bent u over uw contact met {{company}}? Geef een cijfer van 1 tot 5: antwoord met een cijfer of tik op {{link}}`,
  },
  ces: {
    question: 'Hoeveel moeite moest u persoonlijk doen om uw vraag te laten afhandelen?',
    followUp: 'Wat maakte het makkelijk of moeilijk?',
    sms: `Hallo${NAME}, van 1 (heel weinig) tot 5 (heel veel): hoeveel moeite kostte uw vraag aan {{company}}? Antwoord met een cijfer of tik op {{link}}`,
  },
  thankYou: 'Bedankt voor uw feedback!',
  scale: {
    npsLow: 'Zeer onwaarschijnlijk',
    npsHigh: 'Zeer waarschijnlijk',
    cesEffortLow: 'Heel weinig moeite',
    cesEffortHigh: 'Heel veel moeite',
    cesAgreeLow: 'Helemaal mee oneens',
    cesAgreeHigh: 'Helemaal mee eens',
    csatWords: ['Zeer ontevreden', 'Ontevreden', 'Neutraal', 'Tevreden', 'Zeer tevreden'],
  },
  email: {
    reminder: 'Herinnering: ',
    open: 'Of open de enquête:',
    footer: 'U ontvangt deze e-mail omdat u contact hebt opgenomen met',
    score: 'Score',
  },
  templates: {
    chat: 'Hoe hebben we het gedaan? Laat het ons weten met één tik: {{link}}',
    emailSubject: '{{company}}: één vraag over uw verzoek',
    emailText: `Hallo${NAME},\n\nBedankt dat u contact hebt opgenomen met {{company}}{{#if agentName}}. {{agentName}} heeft u graag geholpen{{/if}}. Wilt u één vraag beantwoorden? Het duurt maar tien seconden.`,
    reminder: 'Herinnering van {{company}}: uw mening telt en kost maar 10 seconden: {{link}}',
  },
};
