/**
 * A real SMTP server (smtp-server) on a free local port that keeps every message it accepts,
 * raw and minimally parsed (headers, text and html parts), and can refuse the next one.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  raw: string;
  /** Lower-cased names; repeated headers keep the last value. */
  headers: Record<string, string>;
  subject: string;
  messageId?: string;
  text?: string;
  html?: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Refuse the next message with this reply, at RCPT TO (default) or after DATA. */
  rejectNext(code: number, message: string, stage?: 'rcpt' | 'data'): void;
  reset(): void;
  close(): Promise<void>;
}

interface Rejection {
  code: number;
  message: string;
  stage: 'rcpt' | 'data';
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let rejection: Rejection | undefined;

  const takeRejection = (stage: Rejection['stage']): Error | null => {
    if (rejection?.stage !== stage) return null;
    const err = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
    rejection = undefined;
    return err;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 500,
    onRcptTo(_address, _session, callback) {
      callback(takeRejection('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = takeRejection('data');
        if (refused) return callback(refused);
        const mailFrom = session.envelope.mailFrom;
        messages.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            mailFrom ? mailFrom.address : '',
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejectNext(code, message, stage = 'rcpt') {
      rejection = { code, message, stage };
    },
    reset() {
      messages.length = 0;
      rejection = undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const root = parsePart(raw);
  const leaves = flatten(root);
  const textOf = (type: string) => {
    const part = leaves.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
    return part ? decodeBody(part) : undefined;
  };
  return {
    from,
    to,
    raw,
    headers: root.headers,
    subject: decodeWords(root.headers.subject ?? ''),
    messageId: root.headers['message-id'],
    text: textOf('text/plain'),
    html: textOf('text/html'),
  };
}

function parsePart(source: string): Part {
  const split = source.search(/\r?\n\r?\n/);
  const head = split === -1 ? source : source.slice(0, split);
  const body = split === -1 ? '' : source.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function flatten(part: Part): Part[] {
  const type = part.headers['content-type'] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.startsWith('multipart/') || !boundary) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1);
  return sections
    .filter((s) => !s.startsWith('--'))
    .flatMap((s) => flatten(parsePart(s.replace(/^\r?\n/, ''))));
}

function decodeBody(part: Part): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body = part.body.replace(/\r?\n$/, '');
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

export function decodeQuotedPrintable(text: string): string {
  const softBreaksRemoved = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (softBreaksRemoved[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(softBreaksRemoved[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
