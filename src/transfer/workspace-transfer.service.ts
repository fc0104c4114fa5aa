import { mongo, Types, type Connection, type Model } from 'mongoose';
import { AppError, type FieldProblem } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { AuditTrail } from '../audit';
import type { WorkspacesService } from '../workspaces';
import { workspaceModel } from '../workspaces/workspace.model';
import { workspaceSettingsInput } from '../workspaces/workspaces.schema';
import { DROPPED_FIELDS, transferCollections } from './transfer-collections';
import {
  decodeExportCursor,
  encodeExportCursor,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportLine,
} from './transfer-format';

const { EJSON } = mongo.BSON;

/** Workspace fields an import carries over (the rest belongs to the target installation). */
const SETTINGS = [
  'name',
  'timezone',
  'defaultLocale',
  'fatigueWindowDays',
  'quietHours',
  'workingHours',
  'chatWebhookUrl',
  'retention',
] as const;

export interface ImportResult {
  /** Documents written (inserted or replaced by the same id), per collection. */
  imported: Record<string, number>;
  /** Documents refused, per collection: their id (or a unique value) belongs to another workspace. */
  conflicts: Record<string, number>;
  /** True when the input held the export's end line. */
  complete: boolean;
}

export interface TransferDeps {
  conn: Connection;
  /** Every model of the product (src/database/models.ts), handed down by the composition root. */
  models: readonly Model<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  workspaces: Pick<WorkspacesService, 'updateSettings'>;
  audit: Pick<AuditTrail, 'record'>;
  clock?: () => Date;
}

const strip = (collection: string, doc: Record<string, unknown>) => {
  const out = { ...doc };
  for (const field of DROPPED_FIELDS[collection] ?? []) delete out[field];
  return out;
};

/**
 * Full workspace export (every collection, NDJSON, resumable by cursor) and import into another
 * installation. Ids are preserved: ObjectIds are unique across installations, so every
 * reference between documents stays valid; only workspaceId becomes the target's.
 */
export function createWorkspaceTransfer(deps: TransferDeps) {
  const collections = transferCollections(deps.models);
  const byName = new Map(collections.map((c) => [c.name, c]));
  const Workspaces = workspaceModel(deps.conn);
  const clock = deps.clock ?? (() => new Date());

  return {
    collectionNames: () => collections.map((c) => c.name),

    /** The export's lines, one document at a time; stops with a `more` line after `limit`. */
    async *exportLines(
      workspaceId: Types.ObjectId,
      options: { cursor?: string; limit?: number } = {},
    ): AsyncGenerator<string> {
      const cursor = options.cursor === undefined ? null : decodeExportCursor(options.cursor);
      if (options.cursor !== undefined && (!cursor || !byName.has(cursor.collection)))
        throw AppError.badRequest('The query is not valid.', [
          { path: 'cursor', message: 'is not a cursor this export wrote' },
        ]);
      const ws = await Workspaces.findById(workspaceId).lean();
      if (!ws) throw AppError.notFound('Workspace not found.');
      await deps.audit.record({
        workspaceId,
        action: 'workspace.exported',
        target: { type: 'workspace', id: String(workspaceId) },
        details: { cursor: options.cursor ?? null, limit: options.limit ?? null },
      });
      const line = (l: ExportLine) => `${EJSON.stringify(l, { relaxed: true })}\n`;
      const settings = Object.fromEntries(SETTINGS.map((k) => [k, ws[k] ?? null]));
      yield line({
        type: 'header',
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: clock().toISOString(),
        workspace: { _id: ws._id, ...settings },
      });
      const counts: Record<string, number> = {};
      let sent = 0;
      let lastCursor: string | null = options.cursor ?? null;
      let started = cursor === null;
      for (const { name, model } of collections) {
        if (!started && name !== cursor!.collection) continue;
        const after = !started ? new Types.ObjectId(cursor!.id) : null;
        started = true;
        counts[name] = 0;
        const query = model.collection
          .find({ workspaceId, ...(after ? { _id: { $gt: after } } : {}) })
          .sort({ _id: 1 });
        for await (const raw of query) {
          const doc = raw as Record<string, unknown> & { _id: Types.ObjectId };
          const at = encodeExportCursor({ collection: name, id: String(doc._id) });
          if (options.limit !== undefined && sent >= options.limit) {
            await query.close();
            // Resume just before this document: the cursor of the one sent last.
            yield line({ type: 'more', cursor: lastCursor ?? at });
            return;
          }
          yield line({ type: 'doc', collection: name, cursor: at, doc: strip(name, doc) });
          lastCursor = at;
          counts[name] += 1;
          sent += 1;
        }
      }
      yield line({ type: 'end', counts });
    },

    /**
     * Writes an export's lines into this workspace. Every line is checked before anything is
     * written; then each document is upserted by its id, so importing the same file (or an
     * overlapping piece of it) again changes nothing.
     */
    async importLines(
      workspaceId: Types.ObjectId,
      lines: readonly string[],
    ): Promise<ImportResult> {
      const problems: FieldProblem[] = [];
      const docs: { collection: string; doc: Record<string, unknown> }[] = [];
      let settings: Record<string, unknown> | null = null;
      let complete = false;
      lines.forEach((text, i) => {
        if (text.trim() === '') return;
        const path = `line ${i + 1}`;
        let parsed: Record<string, unknown>;
        try {
          parsed = EJSON.parse(text, { relaxed: true }) as Record<string, unknown>;
        } catch {
          return problems.push({ path, message: 'is not JSON' });
        }
        if (parsed.type === 'header') {
          if (parsed.format !== EXPORT_FORMAT || parsed.version !== EXPORT_VERSION)
            return problems.push({ path, message: `is not a ${EXPORT_FORMAT} v${EXPORT_VERSION}` });
          settings = (parsed.workspace as Record<string, unknown>) ?? null;
        } else if (parsed.type === 'doc') {
          const collection = String(parsed.collection);
          const doc = parsed.doc as Record<string, unknown> | undefined;
          if (!byName.has(collection))
            return problems.push({ path, message: `names an unknown collection "${collection}"` });
          if (!doc || !(doc._id instanceof Types.ObjectId))
            return problems.push({ path, message: 'holds no document with an ObjectId _id' });
          docs.push({ collection, doc });
        } else if (parsed.type === 'end') complete = true;
        else if (parsed.type !== 'more')
          problems.push({ path, message: 'is no header, doc, more or end line' });
      });
      if (problems.length)
        throw AppError.badRequest('The import is not valid.', problems.slice(0, 20));
      const imported: Record<string, number> = {};
      const conflicts: Record<string, number> = {};
      if (settings) {
        const given = settings as Record<string, unknown>;
        const picked = Object.fromEntries(
          SETTINGS.filter((k) => given[k] !== null && given[k] !== undefined).map((k) => [
            k,
            given[k],
          ]),
        );
        const valid = workspaceSettingsInput.safeParse(picked);
        if (valid.success) await deps.workspaces.updateSettings(workspaceId, valid.data);
      }
      const importedIds = new Set(docs.map((d) => String(d.doc._id)));
      for (const { collection, doc } of docs) {
        const { model } = byName.get(collection)!;
        const target = { ...doc, workspaceId };
        try {
          await makeRoom(model.collection, collection, target, importedIds);
          await model.collection.replaceOne(
            { _id: doc._id as Types.ObjectId, workspaceId },
            target,
            {
              upsert: true,
            },
          );
          imported[collection] = (imported[collection] ?? 0) + 1;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          conflicts[collection] = (conflicts[collection] ?? 0) + 1;
        }
      }
      await deps.audit.record({
        workspaceId,
        action: 'workspace.imported',
        target: { type: 'workspace', id: String(workspaceId) },
        details: { imported, conflicts, complete },
      });
      return { imported, conflicts, complete };
    },
  };

  /**
   * A new workspace comes with default surveys and rules of its own; the imported ones, with the
   * same keys, take their place (when nothing refers to them yet).
   */
  async function makeRoom(
    coll: mongo.Collection,
    collection: string,
    doc: Record<string, unknown>,
    importedIds: Set<string>,
  ) {
    const workspaceId = doc.workspaceId as Types.ObjectId;
    const others = { workspaceId, _id: { $ne: doc._id as Types.ObjectId } };
    if (collection === 'surveys') {
      const clash = await coll
        .find({ ...others, key: doc.key as string }, { projection: { _id: 1 } })
        .toArray();
      for (const c of clash) {
        if (importedIds.has(String(c._id))) continue;
        const used = await deps.conn
          .collection('invitations')
          .findOne({ workspaceId, surveyId: c._id }, { projection: { _id: 1 } });
        if (!used) await coll.deleteOne({ _id: c._id, workspaceId });
      }
      if (doc.isDefault === true)
        await coll.updateMany(
          { ...others, type: doc.type, isDefault: true },
          { $set: { isDefault: false } },
        );
    }
    if (collection === 'rules' && typeof doc.defaultKey === 'string')
      await coll.deleteMany({
        ...others,
        defaultKey: doc.defaultKey,
        _id: { $nin: [...importedIds].map((id) => new Types.ObjectId(id)) },
      });
  }
}

export type WorkspaceTransfer = ReturnType<typeof createWorkspaceTransfer>;
