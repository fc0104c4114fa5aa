import pino, { type DestinationStream, type Logger } from 'pino';
import { maskText } from './mask-personal';

export type { Logger } from 'pino';

/** Free text people wrote or were sent: never logged, whatever object carries it. */
const PERSONAL_TEXT = ['comment', 'body', 'Body', 'text', 'notes', 'note'];

/**
 * Phone numbers and email addresses are masked in each finished line, so fields, messages,
 * serialized errors and request URLs (also URL-encoded) are all covered, whoever wrote them.
 */
function maskingDestination(inner: DestinationStream): DestinationStream {
  return { write: (line: string) => inner.write(maskText(line)) };
}

export function createLogger(
  level: string,
  name = 'retour',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.secret',
        '*.token',
        ...PERSONAL_TEXT.flatMap((field) => [field, `*.${field}`]),
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, maskingDestination(destination ?? pino.destination(1)));
}
