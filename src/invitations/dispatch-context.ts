import type { Connection, Types } from 'mongoose';
import type { ContactDoc, ContactsService } from '../contacts';
import { interactionModel } from '../interactions/interaction.model';
import type { SurveysService, SurveyView } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import type { WorkspaceSendSettings } from '../workspaces/workspaces.service';
import type { InvitationDoc } from './invitation.model';

export interface DispatchContext {
  workspace: WorkspaceSendSettings;
  survey: SurveyView;
  contact: ContactDoc;
  agentName: string | null;
}

/** Everything a send needs, reloaded at send time: settings may have changed since scheduling. */
export function dispatchContextLoader(deps: {
  conn: Connection;
  workspaces: WorkspacesService;
  surveys: SurveysService;
  contacts: ContactsService;
}) {
  const Interactions = interactionModel(deps.conn);
  return async (inv: InvitationDoc): Promise<DispatchContext | null> => {
    const workspaceId = inv.workspaceId as Types.ObjectId;
    const [workspace, survey, contact, interaction] = await Promise.all([
      deps.workspaces.getSendSettings(workspaceId),
      deps.surveys.get(workspaceId, String(inv.surveyId)).catch(() => null),
      deps.contacts.findById(workspaceId, inv.contactId as Types.ObjectId),
      Interactions.findOne({ _id: inv.interactionId, workspaceId }).select({ agent: 1 }).lean(),
    ]);
    if (!survey || !contact) return null;
    const agent = interaction?.agent as { name?: string } | null | undefined;
    return { workspace, survey, contact, agentName: agent?.name ?? null };
  };
}
