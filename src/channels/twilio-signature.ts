import express, { type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import { AppError } from '../shared/errors';

/** Twilio posts application/x-www-form-urlencoded; mount this before requireTwilioSignature. */
export const twilioFormBody: RequestHandler = express.urlencoded({
  extended: false,
  limit: '100kb',
});

/**
 * Rejects webhooks not signed by Twilio. Twilio signs the URL it was configured with, so the
 * check uses PUBLIC_URL + the path rather than whatever Host a proxy forwarded.
 */
export function requireTwilioSignature(
  authToken: string | undefined,
  publicUrl: string,
): RequestHandler {
  return (req, _res, next) => {
    if (!authToken) {
      throw AppError.forbidden(
        'Twilio webhooks are refused: set TWILIO_AUTH_TOKEN so their signature can be checked.',
      );
    }
    checkTwilioSignature(req, authToken, publicUrl);
    next();
  };
}

/** Throws a 403 unless the request carries Twilio's signature made with `authToken`. */
export function checkTwilioSignature(req: Request, authToken: string, publicUrl: string): void {
  const base = publicUrl.replace(/\/+$/, '');
  const signature = req.get('X-Twilio-Signature');
  if (!signature) throw AppError.forbidden('The X-Twilio-Signature header is missing.');
  const params = isRecord(req.body) ? req.body : {};
  if (!twilio.validateRequest(authToken, signature, base + req.originalUrl, params)) {
    throw AppError.forbidden('The X-Twilio-Signature header does not match this request.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
