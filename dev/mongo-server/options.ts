import { CommandError, notSupported, type Doc } from './errors';
import type { Collection } from './store';
import { isPlainObject, keyString } from './values';

/**
 * What each command may carry. mongod parses commands strictly (IDL): a field it does not know
 * is error 40415, so a typo or an option from a newer server never passes unnoticed. Fields
 * mongod knows but the stand-in does not implement fail loudly instead of being ignored, since
 * each of them changes what the command returns or writes.
 */

// Sent by drivers on any command; none changes what a command does on one in-memory node.
const GENERIC = [
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'comment',
  'maxTimeMS',
];

interface Shape {
  allowed: string[];
  /** Known to mongod, not done here: refused by name. */
  unsupported: string[];
}

const SHAPES: Record<string, Shape> = {
  find: {
    allowed: [
      'filter',
      'sort',
      'projection',
      'skip',
      'limit',
      'batchSize',
      'singleBatch',
      'hint',
      'allowDiskUse',
      'noCursorTimeout',
      'allowPartialResults',
    ],
    unsupported: [
      'collation',
      'let',
      'min',
      'max',
      'returnKey',
      'showRecordId',
      'tailable',
      'awaitData',
      'oplogReplay',
      'readOnce',
      'allowSpeculativeMajorityRead',
      'requestResumeToken',
      'resumeAfter',
      'term',
    ],
  },
  aggregate: {
    allowed: ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'bypassDocumentValidation', 'hint'],
    unsupported: ['collation', 'let', 'needsMerge', 'fromMongos', 'exchange', 'isMapReduceCommand'],
  },
  count: {
    allowed: ['query', 'limit', 'skip', 'hint', 'fields'],
    unsupported: ['collation'],
  },
  distinct: { allowed: ['key', 'query', 'hint'], unsupported: ['collation'] },
  insert: { allowed: ['documents', 'ordered', 'bypassDocumentValidation'], unsupported: [] },
  update: {
    allowed: ['updates', 'ordered', 'bypassDocumentValidation'],
    unsupported: ['let'],
  },
  delete: { allowed: ['deletes', 'ordered'], unsupported: ['let'] },
  findandmodify: {
    allowed: [
      'query',
      'sort',
      'remove',
      'update',
      'new',
      'fields',
      'upsert',
      'bypassDocumentValidation',
      'arrayFilters',
      'hint',
    ],
    unsupported: ['collation', 'let'],
  },
  getmore: {
    allowed: ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime'],
    unsupported: [],
  },
  create: {
    allowed: [],
    unsupported: [
      'capped',
      'size',
      'max',
      'validator',
      'validationLevel',
      'validationAction',
      'timeseries',
      'clusteredIndex',
      'expireAfterSeconds',
      'collation',
      'viewOn',
      'pipeline',
      'changeStreamPreAndPostImages',
      'storageEngine',
      'indexOptionDefaults',
      'encryptedFields',
    ],
  },
  createindexes: { allowed: ['indexes', 'commitQuorum'], unsupported: [] },
};

const STATEMENTS: Record<string, { field: string } & Shape> = {
  update: {
    field: 'updates',
    allowed: ['q', 'u', 'multi', 'upsert', 'arrayFilters', 'hint'],
    unsupported: ['collation', 'sampleId', 'upsertSupplied'],
  },
  delete: { field: 'deletes', allowed: ['q', 'limit', 'hint'], unsupported: ['collation'] },
};

const INDEX_OPTIONS = {
  allowed: [
    'key',
    'name',
    'unique',
    'sparse',
    'partialFilterExpression',
    'expireAfterSeconds',
    'v',
    'background',
  ],
  unsupported: [
    'collation',
    'hidden',
    'weights',
    'default_language',
    'language_override',
    'textIndexVersion',
    '2dsphereIndexVersion',
    'bits',
    'min',
    'max',
    'bucketSize',
    'wildcardProjection',
    'storageEngine',
    'prepareUnique',
    'clustered',
  ],
};

const unknownField = (path: string) =>
  new CommandError(40415, 'Location40415', `BSON field '${path}' is an unknown field.`);

function checkFields(doc: Doc, where: string, shape: Shape, generic: string[] = []): void {
  for (const field of Object.keys(doc)) {
    if (shape.allowed.includes(field) || generic.includes(field)) continue;
    if (shape.unsupported.includes(field))
      throw notSupported(`${where}.${field} is not supported by the in-memory test server`);
    throw unknownField(`${where}.${field}`);
  }
}

/** Refuses fields a data command does not know, or that the stand-in does not implement. */
export function checkCommandFields(cmd: Doc): void {
  const name = Object.keys(cmd)[0] ?? '';
  const key = name.toLowerCase();
  const shape = SHAPES[key];
  if (!shape) return;
  const { [name]: _target, ...fields } = cmd;
  checkFields(fields, name, shape, GENERIC);
  const statements = STATEMENTS[key];
  if (statements && Array.isArray(cmd[statements.field])) {
    for (const stmt of cmd[statements.field] as unknown[])
      if (isPlainObject(stmt)) checkFields(stmt, `${name}.${statements.field}`, statements);
  }
  if (key === 'createindexes' && Array.isArray(cmd.indexes)) {
    for (const spec of cmd.indexes as unknown[]) {
      if (!isPlainObject(spec)) continue;
      checkFields(spec, `${name}.indexes`, INDEX_OPTIONS);
      for (const [field, type] of Object.entries(isPlainObject(spec.key) ? spec.key : {})) {
        if (field === '$**' || field.endsWith('.$**'))
          throw notSupported(
            `wildcard indexes (${field}) are not supported by the in-memory test server`,
          );
        if (typeof type === 'string')
          throw notSupported(
            `${type} indexes (${field}: "${type}") are not supported by the in-memory test server`,
          );
      }
    }
  }
}

/**
 * A hint must name an existing index (by name or key pattern), as on mongod. A hint to a sparse
 * or partial index would make mongod return only the documents that index holds, which the
 * stand-in does not do: refused.
 */
export function checkHint(hint: unknown, coll: Collection | undefined): void {
  if (hint === undefined || coll === undefined) return;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return;
  if (isPlainObject(hint) && '$natural' in hint) return;
  const wanted = isPlainObject(hint) ? keyString(hint) : undefined;
  const index = [...coll.indexes.values()].find((i) =>
    wanted === undefined ? i.name === hint : keyString(i.spec.key) === wanted,
  );
  if (!index)
    throw new CommandError(2, 'BadValue', 'hint provided does not correspond to an existing index');
  if (index.spec.sparse || index.spec.partialFilterExpression)
    throw notSupported(
      `hint of the sparse or partial index ${index.name} is not supported by the in-memory test server`,
    );
}
