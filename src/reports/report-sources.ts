import type { Aggregate, Connection, Model, Query } from 'mongoose';
import { interactionModel } from '../interactions/interaction.model';
import { invitationModel } from '../invitations/invitation.model';
import { responseModel } from '../responses/response.model';
import { taskModel } from '../tasks/task.model';
import { userModel } from '../workspaces/users/user.model';
import { rollupRowModel } from './rollups/rollup-row.model';
import { rollupStateModel } from './rollups/rollup-state.model';

/** MONGODB_REPORTS_READ_PREFERENCE: which replica set members report queries may read from. */
export type ReportReadPreference =
  'primary' | 'primaryPreferred' | 'secondary' | 'secondaryPreferred' | 'nearest';

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The only reads a report may start on a collection. Anything else of the model (writes,
 * `.db`, `.collection`) is out of reach, so no report query can skip the read preference.
 */
export type ReportReads<M extends AnyModel> = Pick<M, 'find' | 'findOne' | 'aggregate'>;
type Started = Query<unknown, unknown> | Aggregate<unknown>;

/** The model's find, findOne and aggregate, each sent with `mode` as its read preference. */
export function reportReads<M extends AnyModel>(
  model: M,
  mode: ReportReadPreference,
): ReportReads<M> {
  const reading =
    (start: (...args: unknown[]) => Started) =>
    (...args: unknown[]) =>
      start.apply(model, args).read(mode);
  return {
    find: reading(model.find as never) as M['find'],
    findOne: reading(model.findOne as never) as M['findOne'],
    aggregate: reading(model.aggregate as never) as M['aggregate'],
  };
}

/**
 * Every collection the report services and the rollup reader read, in one place, all with
 * the same read preference. Secondaries may lag the primary: a report read from one can miss
 * the last seconds of answers, which is why answers, jobs and rollup writes never come here.
 */
export function reportSources(conn: Connection, mode: ReportReadPreference) {
  return {
    Responses: reportReads(responseModel(conn), mode),
    Invitations: reportReads(invitationModel(conn), mode),
    Interactions: reportReads(interactionModel(conn), mode),
    Users: reportReads(userModel(conn), mode),
    RollupRows: reportReads(rollupRowModel(conn), mode),
    RollupStates: reportReads(rollupStateModel(conn), mode),
    /** The tasks collection's name, for the follow-up reports' $lookup (part of their aggregate). */
    tasksCollection: taskModel(conn).collection.collectionName,
  };
}
export type ReportSources = ReturnType<typeof reportSources>;
