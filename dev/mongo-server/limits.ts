import { calculateObjectSize } from 'bson';
import { badValue, CommandError, type Doc } from './errors';
import { shellString } from './values';

/** BSONObjMaxUserSize: the largest document mongod stores, and the most a reply batch carries. */
export const MAX_BSON = 16 * 1024 * 1024;
// BSONObjMaxInternalSize, which mongod names in its BSONObjectTooLarge message.
const MAX_INTERNAL = MAX_BSON + 16 * 1024;

export const bsonSize = (doc: Doc): number => calculateObjectSize(doc, { ignoreUndefined: true });

// The codes and words of mongod 7 (jstests/core/max_doc_size.js pins them).
export function checkInsertSize(doc: Doc): void {
  const size = bsonSize(doc);
  if (size > MAX_BSON)
    throw badValue(`object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON}`);
}

export function checkUpsertSize(doc: Doc): void {
  if (bsonSize(doc) > MAX_BSON)
    throw new CommandError(17420, 'Location17420', `Document to upsert is larger than ${MAX_BSON}`);
}

export function checkUpdatedSize(doc: Doc): void {
  if (bsonSize(doc) > MAX_BSON)
    throw new CommandError(
      17419,
      'Location17419',
      `Resulting document after update is larger than ${MAX_BSON}`,
    );
}

/** A result document (from $group, $facet, $lookup...) too large to return. */
export function tooLarge(doc: Doc, size: number): CommandError {
  const [first] = Object.entries(doc);
  const firstElement = first ? `${first[0]}: ${shellString(first[1]).slice(0, 100)}` : '';
  return new CommandError(
    10334,
    'BSONObjectTooLarge',
    `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_INTERNAL}(16MB) First element: ${firstElement}`,
  );
}
