import type { LandingChrome } from './types';

export const pl: LandingChrome = {
  optional: 'opcjonalnie',
  send: 'Wyślij',
  scoreMissing: 'Wybierz ocenę.',
  commentTooLong: 'Komentarz może mieć najwyżej 2000 znaków.',
  nonceExpired: 'Ta strona była długo otwarta: wyślij odpowiedź ponownie.',
  nonceInvalid: 'Nie udało się zweryfikować formularza: wyślij odpowiedź ponownie.',
  recorded:
    'Dziękujemy, Twoja ocena została zapisana. Nadal możesz ją zmienić lub dodać komentarz.',
  editing: 'Ta ankieta ma już Twoją odpowiedź. Możesz ją zmienić w ciągu 24 godzin.',
  confirmChange:
    'Ta ankieta ma już Twoją odpowiedź. Aby zastąpić ocenę tą wybraną poniżej, naciśnij Wyślij.',
  yourAnswer: 'Twoja odpowiedź',
  score: 'Ocena',
  comment: 'Komentarz',
  locked: 'Tej odpowiedzi nie można już zmienić. Dziękujemy!',
  followUp: 'Przykro nam z powodu Twoich doświadczeń. Ktoś z {{company}} skontaktuje się z Tobą.',
  reviewAsk: 'Czy chcesz podzielić się swoją opinią z innymi?',
  reviewLink: 'Wystaw opinię',
  change: 'Zmień moją odpowiedź',
  closedTitle: 'Ta ankieta jest zamknięta',
  closedText: 'Dziękujemy za zainteresowanie. Ta ankieta nie przyjmuje już odpowiedzi.',
  notFoundTitle: 'Nie znaleziono ankiety',
  notFoundText: 'Ten link jest nieprawidłowy. Sprawdź, czy został skopiowany w całości.',
  errorTitle: 'Coś poszło nie tak',
  errorText: 'Nie udało się teraz przetworzyć Twojej odpowiedzi. Spróbuj ponownie za chwilę.',
  tooManyTitle: 'Zbyt wiele prób',
  tooManyText: 'Poczekaj kilka minut i spróbuj ponownie.',
  smsThanks: 'Dziękujemy za odpowiedź! Aby dodać komentarz: {{link}}',
  smsReask: 'Przepraszamy, nie zrozumieliśmy. Odpowiedz liczbą od {{min}} do {{max}}.',
  smsNoted: 'Dziękujemy, Twoja wiadomość została przekazana.',
};
