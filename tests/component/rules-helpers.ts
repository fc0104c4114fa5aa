import { Types } from 'mongoose';
import { contactModel } from '../../src/contacts/contact.model';
import { responseModel } from '../../src/responses/response.model';
import { userModel } from '../../src/workspaces/users/user.model';
import type { TestContext } from '../support/harness';

let seq = 0;

/** A stored response (and its contact), as the landing page would have recorded it. */
export async function storedResponse(
  ctx: TestContext,
  workspaceId: Types.ObjectId,
  over: {
    type?: 'nps' | 'csat';
    score?: number;
    category?: string;
    channel?: string;
    phone?: string;
    agentId?: string;
    team?: string | null;
    /** null: no comment. */
    comment?: string | null;
    /** Merged over the default segment (agent and team above). */
    segment?: Record<string, unknown>;
    contactAttributes?: Record<string, unknown>;
  } = {},
) {
  seq += 1;
  const contact = await contactModel(ctx.container.mongo).create({
    workspaceId,
    key: `id:c-${seq}-${Date.now()}`,
    name: 'Alice',
    phone: over.phone ?? `+3361${String(2000000 + seq).padStart(7, '0')}`,
    attributes: over.contactAttributes ?? {},
  });
  const comment = over.comment === undefined ? 'not great' : over.comment;
  const score = over.score ?? 3;
  const category =
    over.category ?? (score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter');
  const doc = await responseModel(ctx.container.mongo).create({
    workspaceId,
    invitationId: new Types.ObjectId(),
    interactionId: new Types.ObjectId(),
    surveyId: new Types.ObjectId(),
    contactId: contact._id,
    surveyType: over.type ?? 'nps',
    scale: { min: 0, max: 10 },
    direction: 'higher_better',
    score,
    category,
    comment,
    locale: 'en',
    channel: over.channel ?? 'sms',
    source: 'web',
    answeredAt: new Date(),
    segment: {
      agentId: over.agentId ?? null,
      team: over.team === undefined ? 'Support' : over.team,
      attributes: {},
      ...over.segment,
    },
    version: 1,
    history: [{ score, category, comment, source: 'web', at: new Date() }],
  });
  return { responseId: String(doc._id), contactId: String(contact._id), phone: contact.phone! };
}

export async function addUser(
  ctx: TestContext,
  workspaceId: Types.ObjectId,
  role: 'admin' | 'manager' | 'agent',
  teams: string[],
  name = `user${++seq}`,
) {
  const doc = await userModel(ctx.container.mongo).create({
    workspaceId,
    email: `${name}-${seq}@example.com`,
    name,
    role,
    teams,
  });
  return { id: String(doc._id), email: doc.email, name };
}
