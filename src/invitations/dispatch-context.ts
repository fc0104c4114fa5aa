import type { Types } from 'mongoose';
import type { ContactDoc, ContactsService } from '../contacts';
import { ttlCache } from '../shared/ttl-cache';
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

/** Workspace and survey settings reach running workers within this long after a change. */
const SETTINGS_TTL_MS = 5_000;

/** Everything a send needs, reloaded at send time: settings may have changed since scheduling. */
export function dispatchContextLoader(deps: {
  workspaces: WorkspacesService;
  surveys: SurveysService;
  contacts: ContactsService;
}) {
  const workspaces = ttlCache<WorkspaceSendSettings>(SETTINGS_TTL_MS);
  const surveys = ttlCache<SurveyView | null>(SETTINGS_TTL_MS);
  return async (inv: InvitationDoc): Promise<DispatchContext | null> => {
    const workspaceId = inv.workspaceId as Types.ObjectId;
    const [workspace, survey, contact] = await Promise.all([
      workspaces(String(workspaceId), () => deps.workspaces.getSendSettings(workspaceId)),
      surveys(`${workspaceId}:${inv.surveyId}`, () =>
        deps.surveys.get(workspaceId, String(inv.surveyId)).catch(() => null),
      ),
      deps.contacts.findById(workspaceId, inv.contactId as Types.ObjectId),
    ]);
    if (!survey || !contact) return null;
    return { workspace, survey, contact, agentName: inv.agentName ?? null };
  };
}
