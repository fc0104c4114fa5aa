import { createHash } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { AuditTrail } from '../../audit';
import type { ContactsService } from '../../contacts';
import { interactionModel } from '../../interactions/interaction.model';
import { invitationModel } from '../../invitations/invitation.model';
import { responseModel, scoreCategory } from '../../responses';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../shared/mongo-errors';
import type { SurveysService } from '../../surveys';
import type { SurveyType } from '../../surveys/survey-types';
import { csvRecords, CsvError } from './csv-parse';
import { mapDelighted } from './delighted';
import { mapFormbricks } from './formbricks';
import type { ImportedAnswer } from './imported-answer';

export const IMPORT_FORMATS = ['delighted', 'formbricks'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ResponseImportOptions {
  format: ImportFormat;
  type: SurveyType;
  scoreColumn?: string;
  commentColumn?: string;
}

export interface ResponseImportResult {
  format: ImportFormat;
  surveyId: string;
  /** Rows that became responses now. */
  imported: number;
  /** Rows imported before (same response id): left as they were. */
  alreadyImported: number;
}

/** Property names (any case, spaces or underscores) that fill a segment field of their own. */
const SEGMENT_ALIASES: Record<
  string,
  'agentName' | 'team' | 'interactionChannel' | 'product' | 'region' | 'reason'
> = {
  agent: 'agentName',
  agentname: 'agentName',
  team: 'team',
  channel: 'interactionChannel',
  product: 'product',
  plan: 'product',
  region: 'region',
  country: 'region',
  reason: 'reason',
};

function segmentOf(
  format: ImportFormat,
  properties: Record<string, string>,
): Record<string, unknown> & {
  team: string | null;
  interactionChannel: string | null;
  attributes: Record<string, string>;
} {
  const segment: Record<string, unknown> = {
    agentId: null,
    agentName: null,
    team: null,
    interactionChannel: null,
    interactionType: `import.${format}`,
    product: null,
    region: null,
    reason: null,
    revenue: null,
  };
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    const field = SEGMENT_ALIASES[key.toLowerCase().replace(/[\s_-]/g, '')];
    if (field && segment[field] === null) segment[field] = value;
    // Attribute keys become MongoDB field names: no dots, no leading $.
    else attributes[key.replace(/[.$]/g, '_')] = value;
  }
  return { ...segment, attributes } as ReturnType<typeof segmentOf>;
}

/**
 * Delighted's and Formbricks' CSV exports of responses, as responses of the workspace's default
 * survey of the type: each row gets a contact (by email), an interaction and an answered
 * invitation that was never sent (so response rates are untouched), and a response marked
 * source "import" and tagged "imported:<format>". The other tool's response id keys each row:
 * importing the same file again adds nothing.
 */
export function createResponseImport(deps: {
  conn: Connection;
  contacts: Pick<ContactsService, 'upsertFromCustomer'>;
  surveys: Pick<SurveysService, 'findDefault'>;
  audit: Pick<AuditTrail, 'record'>;
  /** After an import, so reports read the new answers (rollups of past days). */
  onImported?: (workspaceId: Types.ObjectId) => Promise<unknown>;
}) {
  const Interactions = interactionModel(deps.conn);
  const Invitations = invitationModel(deps.conn);
  const Responses = responseModel(deps.conn);

  const store = async (
    workspaceId: Types.ObjectId,
    format: ImportFormat,
    survey: NonNullable<Awaited<ReturnType<SurveysService['findDefault']>>>,
    a: ImportedAnswer,
  ): Promise<boolean> => {
    const externalId = `import:${format}:${a.sourceId}`;
    const locale = Object.keys(survey.question)[0] ?? 'en';
    if (await Interactions.exists({ workspaceId, externalId })) return false;
    const contact = await deps.contacts.upsertFromCustomer(workspaceId, {
      ...(a.email ? { email: a.email } : { id: externalId }),
      ...(a.name ? { name: a.name } : {}),
    });
    const segment = segmentOf(format, a.properties);
    const interactionId = new Types.ObjectId();
    const invitationId = new Types.ObjectId();
    const surveyId = new Types.ObjectId(survey.id);
    try {
      await Interactions.create({
        _id: interactionId,
        workspaceId,
        externalId,
        type: `import.${format}`,
        occurredAt: a.answeredAt,
        customer: { ...(a.email ? { email: a.email } : {}), ...(a.name ? { name: a.name } : {}) },
        team: segment.team,
        channel: segment.interactionChannel,
        attributes: segment.attributes,
        contactId: contact._id,
        result: { imported: format },
      });
    } catch (err) {
      if (isDuplicateKey(err)) return false; // the same row, imported concurrently
      throw err;
    }
    await Invitations.create({
      _id: invitationId,
      workspaceId,
      interactionId,
      surveyId,
      surveyType: survey.type,
      contactId: contact._id,
      channels: [],
      channel: null,
      locale: locale,
      // No link exists: a hash of nothing anyone holds, unique per invitation.
      tokenHash: createHash('sha256')
        .update(`import:${String(invitationId)}`)
        .digest('hex'),
      status: 'answered',
      expiresAt: a.answeredAt,
      answeredAt: a.answeredAt,
    });
    await Responses.create({
      workspaceId,
      invitationId,
      interactionId,
      surveyId,
      contactId: contact._id,
      surveyType: survey.type,
      scale: survey.scale,
      direction: survey.direction,
      score: a.score,
      category: scoreCategory(survey, a.score),
      comment: a.comment,
      locale: locale,
      channel: null,
      source: 'import',
      answeredAt: a.answeredAt,
      segment,
      tags: [`imported:${format}`],
    });
    return true;
  };

  return {
    async importCsv(
      workspaceId: Types.ObjectId,
      csv: string,
      options: ResponseImportOptions,
    ): Promise<ResponseImportResult> {
      const survey = await deps.surveys.findDefault(workspaceId, options.type);
      if (!survey)
        throw AppError.badRequest('The import is not valid.', [
          { path: 'type', message: `this workspace has no active ${options.type} survey` },
        ]);
      let parsed;
      try {
        parsed = csvRecords(csv);
      } catch (err) {
        if (!(err instanceof CsvError)) throw err;
        throw AppError.badRequest('The CSV file is not valid.', [
          { path: `line ${err.line}`, message: err.message },
        ]);
      }
      const mapped =
        options.format === 'delighted'
          ? mapDelighted(parsed.headers, parsed.records, survey.scale)
          : mapFormbricks(parsed.headers, parsed.records, survey.scale, options);
      if (mapped.problems.length)
        throw AppError.badRequest('The CSV file is not valid.', mapped.problems.slice(0, 20));
      let imported = 0;
      for (const answer of mapped.answers) {
        if (await store(workspaceId, options.format, survey, answer)) imported += 1;
      }
      await deps.audit.record({
        workspaceId,
        action: 'responses.imported',
        target: { type: 'survey', id: survey.id },
        details: {
          format: options.format,
          imported,
          alreadyImported: mapped.answers.length - imported,
        },
      });
      if (imported > 0) await deps.onImported?.(workspaceId);
      return {
        format: options.format,
        surveyId: survey.id,
        imported,
        alreadyImported: mapped.answers.length - imported,
      };
    },
  };
}

export type ResponseImport = ReturnType<typeof createResponseImport>;
