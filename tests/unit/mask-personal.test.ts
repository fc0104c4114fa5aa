import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/logger';
import { maskEmail, maskPhone, maskText } from '../../src/shared/mask-personal';

/** A logger writing JSON lines into an array, as pino would to stdout. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', 'test', stream), lines };
}

describe('masking phone numbers and email addresses', () => {
  it.each([
    ['+33612345678', '+33 6•• •• •• 78'],
    ['+33123456789', '+33 1•• •• •• 89'],
    ['+447911123456', '+44 7• •• •• •• 56'],
    ['+12125551234', '+1 2• •• •• •• 34'],
    ['%2B33612345678', '+33 6•• •• •• 78'],
  ])('maskPhone(%p) is %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['zoe.martin@example.org', 'z•••@e•••.org'],
    ['a@b.co.uk', 'a•••@b•••.uk'],
    ['zoe%40example.org', 'z•••@e•••.org'],
  ])('maskEmail(%p) is %p', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('when a text holds several addresses, plain, URL-encoded or WhatsApp, then each is masked and the rest kept', () => {
    expect(
      maskText('/contacts/export?phone=%2B33612345678 to whatsapp:+33698765432 cc zoe@ex.io'),
    ).toBe('/contacts/export?phone=+33 6•• •• •• 78 to whatsapp:+33 6•• •• •• 32 cc z•••@e•••.io');
    expect(maskText('invitation 66f1a2b3c4d5e6f708091a2b failed after 3 attempts')).toBe(
      'invitation 66f1a2b3c4d5e6f708091a2b failed after 3 attempts',
    );
  });

  it('when the logger is given addresses in fields, nested objects, errors and the message, then none reaches the output', () => {
    const { logger, lines } = capture();
    logger.info(
      { to: '+33612345678', req: { url: '/x?email=zoe%40example.org' }, list: ['a@b.io'] },
      'sms to +33612345678 kept',
    );
    logger.error(
      { err: new Error("The 'To' number +33612345678 is not a valid phone number") },
      'send failed',
    );
    const out = JSON.stringify(lines);
    expect(out).not.toMatch(/612345678|zoe|a@b\.io/);
    expect(lines[0]).toMatchObject({
      to: '+33 6•• •• •• 78',
      req: { url: '/x?email=z•••@e•••.org' },
      list: ['a•••@b•••.io'],
      msg: 'sms to +33 6•• •• •• 78 kept',
    });
    expect((lines[1]!.err as { message: string }).message).toContain('+33 6•• •• •• 78');
  });

  it('when a log object carries a comment or a message body, then the text is redacted', () => {
    const { logger, lines } = capture();
    logger.warn(
      { comment: 'the agent was rude', message: { Body: 'STOP please', text: 'Hello Zoé' } },
      'inbound',
    );
    expect(JSON.stringify(lines)).not.toMatch(/rude|please|Zoé/);
    expect(lines[0]).toMatchObject({
      comment: '[redacted]',
      message: { Body: '[redacted]', text: '[redacted]' },
    });
  });
});
