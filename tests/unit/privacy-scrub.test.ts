import { ERASED, scrubDeep, scrubText, subjectSecrets } from '../../src/shared/personal-data/scrub-text';

describe('scrubbing a person out of staff-written text', () => {
  it('when a note quotes the name, phone and comment, then each is replaced, whatever its case', () => {
    const note = 'Called ZOÉ Martin on +33612345678: "the box broke twice". Will call again.';
    expect(scrubText(note, ['Zoé Martin', '+33612345678', 'the box broke twice'])).toBe(
      `Called ${ERASED} on ${ERASED}: "${ERASED}". Will call again.`,
    );
  });

  it('when one secret contains another, then the longer one is cut out whole', () => {
    expect(scrubText('Ana Maria Lopez called', ['Ana', 'Ana Maria Lopez'])).toBe(
      `${ERASED} called`,
    );
  });

  it('when a secret holds regex characters, then it is matched literally', () => {
    expect(scrubText('mail a.b+c@x.io now', ['a.b+c@x.io'])).toBe(`mail ${ERASED} now`);
    expect(scrubText('aXb+c@x.io', ['a.b+c@x.io'])).toBe('aXb+c@x.io');
  });

  it('when a secret is shorter than 3 characters or blank, then it is left alone', () => {
    expect(scrubText('Li is on it', ['Li', '  ', ''])).toBe('Li is on it');
  });

  it('when a nested value is scrubbed, then strings in arrays and objects change and dates stay', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const value = { notes: [{ text: 'Zoé said hi', at }], n: 3, outcome: null };
    expect(scrubDeep(value, ['Zoé'])).toEqual({
      notes: [{ text: `${ERASED} said hi`, at }],
      n: 3,
      outcome: null,
    });
    expect(scrubDeep(value, ['Zoé']).notes[0]!.at).toBe(at);
  });

  it("when a subject's secrets are listed, then absent identity fields are skipped", () => {
    expect(
      subjectSecrets({
        identity: { name: 'Zoé', phone: null, email: 'z@x.io' },
        texts: ['too slow'],
      }),
    ).toEqual(['Zoé', 'z@x.io', 'too slow']);
  });
});
