import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string, name = 'retour'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.secret',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
