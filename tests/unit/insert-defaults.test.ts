import mongoose from 'mongoose';
import { INVITATION_DEFAULTS, invitationModel } from '../../src/invitations/invitation.model';

describe('plain inserts on the hot path', () => {
  it('when an invitation is inserted without mongoose, then it carries every default the schema would give', () => {
    const conn = mongoose.createConnection();
    const Invitations = invitationModel(conn);
    const required = ['_id', 'workspaceId', 'interactionId', 'surveyId', 'surveyType', 'contactId'];
    const more = ['channels', 'locale', 'tokenHash', 'status', 'expiresAt'];
    const defaults = new Invitations({}).toObject() as Record<string, unknown>;
    for (const key of [...required, ...more]) delete defaults[key];
    expect(JSON.parse(JSON.stringify(INVITATION_DEFAULTS))).toEqual(
      JSON.parse(JSON.stringify(defaults)),
    );
    void conn.close();
  });
});
