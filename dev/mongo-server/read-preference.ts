import { ObjectId } from 'bson';
import { CommandError, badValue, notSupported, type Doc } from './errors';
import { isPlainObject } from './values';

/**
 * `$readPreference`, as mongod parses it on every command (ReadPreferenceSetting::fromInnerBSON):
 * drivers send it to replica set members and mongos for any mode but primary, never to a
 * standalone. On one in-memory node it picks nothing — the driver already chose this server —
 * so a valid one changes no result; an invalid one fails with mongod's code and words. Fields
 * mongod does not read are refused here rather than ignored, so a typo cannot pass unnoticed.
 */

const MODES = ['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'];
const FIELDS = ['mode', 'tags', 'maxStalenessSeconds', 'hedge'];
/** The smallest maxStalenessSeconds mongod accepts (kMinimalMaxStalenessValue). */
const MIN_MAX_STALENESS = 90;

const typeMismatch = (msg: string) => new CommandError(14, 'TypeMismatch', msg);

/** mongod's name for a value's BSON type, as its error messages print it. */
function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (v instanceof ObjectId) return 'objectId';
  if (isPlainObject(v)) return 'object';
  const bsontype = (v as { _bsontype?: string })._bsontype;
  return bsontype ? bsontype.charAt(0).toLowerCase() + bsontype.slice(1) : typeof v;
}

const isEmptyTagSet = (tags: unknown[]) =>
  tags.length === 0 ||
  (tags.length === 1 && isPlainObject(tags[0]) && !Object.keys(tags[0]).length);

function checkHedge(hedge: unknown, mode: string): void {
  if (!isPlainObject(hedge))
    throw typeMismatch(
      `hedge field must be of type object if provided; found hedge: ${String(hedge)}`,
    );
  for (const field of Object.keys(hedge))
    if (field !== 'enabled')
      throw new CommandError(
        40415,
        'Location40415',
        `BSON field 'hedge.${field}' is an unknown field.`,
      );
  if ('enabled' in hedge && typeof hedge.enabled !== 'boolean')
    throw typeMismatch(
      `BSON field 'hedge.enabled' is the wrong type '${bsonTypeName(hedge.enabled)}', expected type 'bool'`,
    );
  if (hedge.enabled !== false && mode === 'primary')
    throw new CommandError(
      72,
      'InvalidOptions',
      'cannot enable hedging for $readPreference mode "primaryOnly"',
    );
}

function checkMaxStaleness(value: unknown, mode: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number')
    throw typeMismatch(
      `"maxStalenessSeconds" had the wrong type. Expected number, found ${bsonTypeName(value)}`,
    );
  if (!Number.isInteger(value))
    throw badValue(
      `Expected field "maxStalenessSeconds" to have a value exactly representable as a 64-bit integer, but found maxStalenessSeconds: ${value}`,
    );
  if (value === 0) return;
  if (value < 0) throw badValue('maxStalenessSeconds must be a non-negative integer');
  if (value < MIN_MAX_STALENESS)
    throw new CommandError(
      160,
      'MaxStalenessOutOfRange',
      `maxStalenessSeconds value can not be less than ${MIN_MAX_STALENESS}`,
    );
  if (mode === 'primary') throw badValue('maxStalenessSeconds can not be set for the primary mode');
}

/** Throws mongod's error for a `$readPreference` it would refuse; accepts what it accepts. */
export function checkReadPreference(cmd: Doc): void {
  if (!('$readPreference' in cmd)) return;
  const pref = cmd.$readPreference;
  if (!isPlainObject(pref))
    throw typeMismatch(
      `$readPreference has incorrect type: expected object but got ${bsonTypeName(pref)}`,
    );
  if (!('mode' in pref)) throw new CommandError(4, 'NoSuchKey', 'Missing expected field "mode"');
  const mode = pref.mode;
  if (typeof mode !== 'string')
    throw typeMismatch(`"mode" had the wrong type. Expected string, found ${bsonTypeName(mode)}`);
  if (!MODES.includes(mode))
    throw badValue(
      `Could not parse $readPreference mode '${mode}'. Only the modes 'primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', and 'nearest' are supported. :: caused by :: Enumeration value '${mode}' for field 'mode' is not a valid value.`,
    );
  for (const field of Object.keys(pref))
    if (!FIELDS.includes(field))
      throw notSupported(
        `$readPreference.${field} is not read by mongod and not accepted by the in-memory test server`,
      );
  if ('hedge' in pref) checkHedge(pref.hedge, mode);
  if ('tags' in pref) {
    if (!Array.isArray(pref.tags))
      throw typeMismatch(
        `"tags" had the wrong type. Expected array, found ${bsonTypeName(pref.tags)}`,
      );
    if (mode === 'primary' && !isEmptyTagSet(pref.tags))
      throw badValue('Only empty tags are allowed with primary read preference');
  }
  checkMaxStaleness(pref.maxStalenessSeconds, mode);
}
