import { Router } from 'express';
import { checkTwilioAccount } from '../channels/twilio-check';
import type { TwilioAccount } from '../channels/twilio-account';
import type { TwilioClient } from '../channels/twilio-http-client';
import { AppError } from '../shared/errors';
import { parseOrThrow } from '../shared/validation';
import { actorOf, requireUserOrApiKey } from './users/require-user';
import { apiKeyInput, objectIdParam, workspaceSettingsInput } from './workspaces.schema';
import type { WorkspacesService } from './workspaces.service';

/** The workspace and its API keys: any key or user reads it; admins (key or session) manage. */
export function workspacesRoutes(
  workspaces: WorkspacesService,
  twilio?: { clientFor(account: TwilioAccount): TwilioClient },
): Router {
  const router = Router();
  const admin = requireUserOrApiKey(workspaces, { roles: ['admin'], scope: 'admin' });

  router.get('/workspace', requireUserOrApiKey(workspaces), async (req, res) => {
    res.json(await workspaces.getWorkspace(actorOf(req).workspaceId));
  });

  router.patch('/workspace', admin, async (req, res) => {
    const input = parseOrThrow(workspaceSettingsInput, req.body, 'workspace settings');
    res.json(await workspaces.updateSettings(actorOf(req).workspaceId, input));
  });

  // Asks Twilio, with the stored credentials, whether they and the senders work.
  router.post('/workspace/twilio/check', admin, async (req, res) => {
    const { twilioAccount } = await workspaces.getSendSettings(actorOf(req).workspaceId);
    if (!twilioAccount || !twilio) {
      throw AppError.conflict(
        "This workspace sends through the installation's Twilio account: give it its own with PATCH /api/v1/workspace first.",
        [{ path: 'twilio', message: 'is not set' }],
      );
    }
    res.json(await checkTwilioAccount(twilio.clientFor(twilioAccount), twilioAccount));
  });

  router.get('/api-keys', admin, async (req, res) => {
    res.json({ apiKeys: await workspaces.listApiKeys(actorOf(req).workspaceId) });
  });

  router.post('/api-keys', admin, async (req, res) => {
    const input = parseOrThrow(apiKeyInput, req.body, 'API key');
    const issued = await workspaces.issueApiKey(actorOf(req).workspaceId, input);
    res.status(201).location(`/api/v1/api-keys/${issued.id}`).json(issued);
  });

  router.delete('/api-keys/:id', admin, async (req, res) => {
    const { id } = parseOrThrow(objectIdParam, req.params, 'path');
    res.json(await workspaces.revokeApiKey(actorOf(req).workspaceId, id));
  });

  return router;
}
