import { NAME, type BuiltInTexts } from './types';

export const de: BuiltInTexts = {
  nps: {
    question:
      'Wie wahrscheinlich ist es, dass Sie {{company}} einem Freund oder Kollegen weiterempfehlen?',
    followUp: 'Was ist der wichtigste Grund für Ihre Bewertung?',
    sms: `Hallo${NAME}, danke für Ihre Anfrage bei {{company}}. Wie wahrscheinlich empfehlen Sie uns weiter, von 0 bis 10? Antworten Sie mit einer Zahl oder tippen Sie auf {{link}}`,
  },
  csat: {
    question: 'Wie zufrieden sind Sie mit der Hilfe, die Sie von {{company}} erhalten haben?',
    followUp: 'Was hätten wir besser machen können?',
    sms: `Hallo${NAME}, wie zufrieden sind Sie mit Ihrem Kontakt mit {{company}}? Bewerten Sie ihn von 1 bis 5: Antworten Sie mit einer Zahl oder tippen Sie auf {{link}}`,
  },
  ces: {
    question: 'Wie viel Aufwand mussten Sie persönlich betreiben, um Ihr Anliegen zu klären?',
    followUp: 'Was hat es leicht oder schwer gemacht?',
    sms: `Hallo${NAME}, von 1 (sehr wenig) bis 5 (sehr viel): Wie viel Aufwand hat Ihr Anliegen bei {{company}} gekostet? Antworten Sie mit einer Zahl oder tippen Sie auf {{link}}`,
  },
  thankYou: 'Vielen Dank für Ihr Feedback!',
  scale: {
    npsLow: 'Äußerst unwahrscheinlich',
    npsHigh: 'Äußerst wahrscheinlich',
    cesEffortLow: 'Sehr wenig Aufwand',
    cesEffortHigh: 'Sehr viel Aufwand',
    cesAgreeLow: 'Stimme überhaupt nicht zu',
    cesAgreeHigh: 'Stimme voll und ganz zu',
    csatWords: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'],
  },
  email: {
    reminder: 'Erinnerung: ',
    open: 'Oder öffnen Sie die Umfrage:',
    footer: 'Sie erhalten diese E-Mail nach Ihrem Kontakt mit',
    score: 'Bewertung',
  },
  templates: {
    chat: 'Wie waren wir? Sagen Sie es uns mit einem Fingertipp: {{link}}',
    emailSubject: '{{company}}: eine Frage zu Ihrer Anfrage',
    emailText: `Hallo${NAME},\n\nvielen Dank, dass Sie sich an {{company}} gewandt haben{{#if agentName}}. {{agentName}} hat Ihnen gern geholfen{{/if}}. Würden Sie uns eine Frage beantworten? Es dauert nur zehn Sekunden.`,
    reminder: 'Erinnerung von {{company}}: Ihre Meinung zählt und dauert nur 10 Sekunden: {{link}}',
  },
};
