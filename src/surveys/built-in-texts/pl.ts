import { NAME, type BuiltInTexts } from './types';

export const pl: BuiltInTexts = {
  nps: {
    question:
      'Jak bardzo prawdopodobne jest, że polecisz {{company}} znajomemu lub współpracownikowi?',
    followUp: 'Jaki jest główny powód Twojej oceny?',
    sms: `Dzień dobry${NAME}, dziękujemy za kontakt z {{company}}. Czy polecisz nas innym? Oceń od 0 do 10: odpowiedz liczbą lub kliknij {{link}}`,
  },
  csat: {
    question: 'Jak oceniasz swoje zadowolenie z pomocy otrzymanej od {{company}}?',
    followUp: 'Co mogliśmy zrobić lepiej?',
    sms: `Dzień dobry${NAME}, jak oceniasz kontakt z {{company}}? Od 1 do 5: odpowiedz liczbą lub kliknij {{link}}`,
  },
  ces: {
    question: 'Ile osobistego wysiłku wymagało załatwienie Twojej sprawy?',
    followUp: 'Co sprawiło, że było to łatwe lub trudne?',
    sms: `Dzień dobry${NAME}, od 1 (mało) do 5 (dużo): ile wysiłku wymagała Twoja sprawa w {{company}}? Odpowiedz liczbą lub kliknij {{link}}`,
  },
  thankYou: 'Dziękujemy za opinię!',
  scale: {
    npsLow: 'Bardzo mało prawdopodobne',
    npsHigh: 'Bardzo prawdopodobne',
    cesEffortLow: 'Bardzo mało wysiłku',
    cesEffortHigh: 'Bardzo dużo wysiłku',
    cesAgreeLow: 'Zdecydowanie się nie zgadzam',
    cesAgreeHigh: 'Zdecydowanie się zgadzam',
    csatWords: [
      'Bardzo niezadowolony',
      'Niezadowolony',
      'Ani zadowolony, ani niezadowolony',
      'Zadowolony',
      'Bardzo zadowolony',
    ],
  },
  email: {
    reminder: 'Przypomnienie: ',
    open: 'Lub otwórz ankietę:',
    footer: 'Otrzymujesz tę wiadomość po kontakcie z',
    score: 'Ocena',
  },
  templates: {
    chat: 'Jak nam poszło? Powiedz nam jednym kliknięciem: {{link}}',
    emailSubject: '{{company}}: jedno pytanie o Twoje zgłoszenie',
    emailText: `Dzień dobry${NAME},\n\ndziękujemy za kontakt z {{company}}. Czy odpowiesz na jedno pytanie? To zajmie tylko dziesięć sekund.`,
    reminder: 'Przypomnienie od {{company}}: Twoja opinia jest ważna i zajmie 10 sekund: {{link}}',
  },
};
