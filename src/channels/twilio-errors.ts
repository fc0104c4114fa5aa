import { PermanentSendError, TransientSendError } from './channel';
import { parseRetryAfter } from './retry-after';
import { explainTwilioError } from './twilio-error-codes';

export const TWILIO_OPTED_OUT = 21610;

interface TwilioApiError {
  status: number;
  code?: number;
  message?: string;
  detail?: string;
  details?: unknown;
}

/** Turns what the twilio SDK throws into the channel contract's transient/permanent errors. */
export function toSendError(err: unknown): Error {
  if (isApiError(err)) return fromApiError(err);
  if (isNetworkError(err)) {
    return new TransientSendError(`Twilio unreachable: ${err.message}`, err.code);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function fromApiError(err: TwilioApiError): Error {
  const code = err.code ?? err.status;
  const text = `Twilio ${err.status} (${code}): ${err.detail ?? err.message ?? 'request failed'}`;
  // A code the table knows as passing (a WhatsApp rate limit, an unreachable handset) is retried.
  const passing = err.code !== undefined && !explainTwilioError(err.code).permanent;
  if (err.status === 429 || err.status >= 500 || passing) {
    return new TransientSendError(text, code, retryAfterOf(err.details));
  }
  return new PermanentSendError(text, code, err.code === TWILIO_OPTED_OUT);
}

function retryAfterOf(details: unknown): number | undefined {
  if (!details || typeof details !== 'object') return undefined;
  return parseRetryAfter((details as { retryAfter?: unknown }).retryAfter);
}

function isApiError(err: unknown): err is TwilioApiError {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number';
}

/** axios (inside the SDK) reports refused connections, resets and timeouts with a string code. */
function isNetworkError(err: unknown): err is Error & { code: string } {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'string' &&
    (err as { response?: unknown }).response === undefined
  );
}
