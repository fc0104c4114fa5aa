import express, { type RequestHandler } from 'express';
import { AppError } from './errors';

/** A file of a multipart form, read whole into memory (the limit bounds it). */
export interface UploadedFile {
  filename: string;
  type: string;
  content: Buffer;
}

export const MULTIPART_LIMIT = '2mb';
const MAX_PARTS = 20;

/**
 * Parses multipart/form-data bodies (forms with a file input, which work with JavaScript
 * off) into req.body: text fields as strings, files as UploadedFile. The parsing is Node's
 * own (undici's Response.formData, the Fetch standard's algorithm); other bodies pass by.
 */
export function multipartForm(limit = MULTIPART_LIMIT): RequestHandler {
  const raw = express.raw({ type: 'multipart/form-data', limit });
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    raw(req, res, (err?: unknown) => {
      if (err) return next(err);
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) return next();
      new Response(body, { headers: { 'content-type': req.get('content-type') ?? '' } })
        .formData()
        .then(async (data) => {
          const fields: Record<string, string | UploadedFile> = {};
          let parts = 0;
          for (const [name, value] of data.entries()) {
            parts += 1;
            if (parts > MAX_PARTS) throw AppError.badRequest('Too many form fields.');
            if (name in fields) continue; // the first of a repeated name, as urlencoded forms
            fields[name] =
              typeof value === 'string'
                ? value
                : {
                    filename: value.name,
                    type: value.type,
                    content: Buffer.from(await value.arrayBuffer()),
                  };
          }
          req.body = fields;
          next();
        })
        .catch((parseErr: unknown) =>
          next(
            parseErr instanceof AppError
              ? parseErr
              : AppError.badRequest('The form data could not be read.'),
          ),
        );
    });
  };
}
