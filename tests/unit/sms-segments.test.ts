import { countSmsSegments } from '../../src/channels/sms-segments';

const a = (n: number) => 'a'.repeat(n);

describe('countSmsSegments', () => {
  it.each<[string, string, 'GSM-7' | 'UCS-2', number, number]>([
    ['empty text', '', 'GSM-7', 0, 0],
    ['one letter', 'a', 'GSM-7', 1, 1],
    ['160 GSM characters', a(160), 'GSM-7', 1, 160],
    ['161 GSM characters', a(161), 'GSM-7', 2, 161],
    ['306 GSM characters', a(306), 'GSM-7', 2, 306],
    ['307 GSM characters', a(307), 'GSM-7', 3, 307],
    ['80 euro signs (2 septets each)', '€'.repeat(80), 'GSM-7', 1, 160],
    ['81 euro signs', '€'.repeat(81), 'GSM-7', 2, 162],
    ['an escape pair is not split across segments', `${a(152)}€${a(152)}`, 'GSM-7', 3, 306],
    ['every extension character', '\f^{}\\[~]|€', 'GSM-7', 1, 20],
    ['French accents of the basic set', 'é è ù à ì ò Ç É', 'GSM-7', 1, 15],
    ['other Latin letters of the basic set', 'äöñüÄÖÑÜøØåÅæÆß', 'GSM-7', 1, 15],
    ['Greek capitals and symbols of the basic set', 'ΔΦΓΛΩΠΨΣΘΞ@£$¥¤§¡¿_', 'GSM-7', 1, 19],
    ['line feed and carriage return', 'a\r\nb', 'GSM-7', 1, 4],
    [
      'a French survey SMS',
      'Bonjour Alice, votre avis compte : https://r.acme.fr/s/abc',
      'GSM-7',
      1,
      58,
    ],
    ['lowercase ç', 'ça', 'UCS-2', 1, 2],
    ['ê', 'être', 'UCS-2', 1, 4],
    ['â', 'âge', 'UCS-2', 1, 3],
    ['î', 'île', 'UCS-2', 1, 3],
    ['ô', 'hôtel', 'UCS-2', 1, 5],
    ['û', 'sûr', 'UCS-2', 1, 3],
    ['É is GSM but Ê is not', 'Ê', 'UCS-2', 1, 1],
    ['a tab', 'a\tb', 'UCS-2', 1, 3],
    ['a backtick', '`', 'UCS-2', 1, 1],
    ['typographic apostrophe', 'l’avis', 'UCS-2', 1, 6],
    ['70 UCS-2 characters', 'ê'.repeat(70), 'UCS-2', 1, 70],
    ['71 UCS-2 characters', 'ê'.repeat(71), 'UCS-2', 2, 71],
    ['134 UCS-2 characters', 'ê'.repeat(134), 'UCS-2', 2, 134],
    ['135 UCS-2 characters', 'ê'.repeat(135), 'UCS-2', 3, 135],
    ['an emoji is two code units', '👍', 'UCS-2', 1, 2],
    ['35 emoji fit in one segment', '👍'.repeat(35), 'UCS-2', 1, 70],
    ['36 emoji', '👍'.repeat(36), 'UCS-2', 2, 72],
    [
      'a surrogate pair is not split across segments',
      `${'ê'.repeat(66)}👍${'ê'.repeat(66)}`,
      'UCS-2',
      3,
      134,
    ],
    ['one UCS-2 character turns a GSM text into UCS-2', `${a(100)}ç`, 'UCS-2', 2, 101],
    ['extension characters cost 1 unit in UCS-2', '€ç', 'UCS-2', 1, 2],
    // Arabic: 20 letters and spaces, every one outside GSM-7.
    ['an Arabic question', 'ما مدى رضاك عن خدمتنا', 'UCS-2', 1, 21],
    ['70 Arabic letters', 'م'.repeat(70), 'UCS-2', 1, 70],
    ['71 Arabic letters', 'م'.repeat(71), 'UCS-2', 2, 71],
    ['Arabic-Indic digits are not GSM digits', '٩', 'UCS-2', 1, 1],
    // Polish: ą ć ę ł ń ś ź ż are outside GSM-7 (ó too); one is enough to switch the whole text.
    ['a Polish question', 'Jak oceniasz naszą pomoc?', 'UCS-2', 1, 25],
    ['Polish ł in a long text', `${a(69)}ł`, 'UCS-2', 1, 70],
    ['Polish ż past 70', `${a(70)}ż`, 'UCS-2', 2, 71],
  ])('when %s, then %s in %i segment(s) of %i units', (_case, text, encoding, segments, units) => {
    expect(countSmsSegments(text)).toEqual({ encoding, segments, units });
  });
});
