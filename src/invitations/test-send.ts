import type { Types } from 'mongoose';
import { PermanentSendError } from '../channels/channel';
import { AppError } from '../shared/errors';
import { pickLocalized } from '../shared/locales';
import { createDispatchKit, type DispatchDeps } from './dispatch-kit';
import { messageVars, renderSurveyMessage, type MessageContext } from './render-message';
import { testSendInput, type TestSendInput } from './test-send.schema';
import { planWhatsappMessage } from './whatsapp-message';

/** The sample customer and agent a test message is written for. */
export const SAMPLE = { customerName: 'Alex Martin', agentName: 'Sam' } as const;

/**
 * Sends one survey message to one address, as a customer would get it now, with sample data.
 * No invitation is made (so reports never count it); the link opens no survey; SMS and email
 * say they are a test. WhatsApp follows the session window: the approved template outside it.
 */
export function createTestSend(deps: DispatchDeps) {
  const kit = createDispatchKit(deps);
  return async (workspaceId: Types.ObjectId, surveyId: string, input: TestSendInput) => {
    const { channel, to, locale: wanted } = testSendInput.parse(input);
    const [workspace, survey] = await Promise.all([
      deps.workspaces.getSendSettings(workspaceId),
      deps.surveys.get(workspaceId, surveyId),
    ]);
    const locale = wanted ?? workspace.defaultLocale;
    const link = `${deps.publicUrl}/s/test-message`;
    const message: MessageContext = {
      company: workspace.name,
      ...SAMPLE,
      link,
      locale,
      defaultLocale: workspace.defaultLocale,
      unsubscribeUrl: `${link}/unsubscribe`,
    };
    const adapters =
      deps.workspaceTwilio?.adaptersFor(workspace.id, workspace.twilioAccount) ?? deps.adapters;
    const plan =
      channel === 'whatsapp'
        ? planWhatsappMessage({
            lastInboundAt: await kit.sessions.lastInbound(
              workspaceId,
              to,
              adapters.whatsapp.sender,
            ),
            now: kit.clock(),
            content: survey.whatsappContent,
            locale,
            textLocale:
              pickLocalized(survey.templates.whatsapp, locale, workspace.defaultLocale)?.locale ??
              null,
            vars: messageVars(message),
          })
        : null;
    if (plan?.kind === 'no_template') {
      throw AppError.conflict(
        `The contact is outside the 24-hour WhatsApp window and the survey has no WhatsApp template for ${plan.locale}.`,
        [{ path: 'locale', message: `no whatsappContent template for ${plan.locale}` }],
      );
    }
    const rendered = renderSurveyMessage(survey, channel, message, { reminder: false });
    const text = channel === 'whatsapp' ? rendered.text : `[Test] ${rendered.text}`;
    const content =
      plan?.kind === 'template' ? { sid: plan.contentSid, variables: plan.variables } : undefined;
    try {
      const sent = await adapters[channel].send({
        channel,
        to,
        ...rendered,
        text,
        ...(rendered.subject ? { subject: `[Test] ${rendered.subject}` } : {}),
        ...(content ? { content } : {}),
        link,
        meta: {
          workspaceId: String(workspaceId),
          invitationId: 'test',
          surveyType: survey.type,
          locale,
        },
      });
      return {
        test: true as const,
        channel,
        to,
        locale,
        providerId: sent.providerId,
        text: content ? null : text,
        contentSid: content?.sid ?? null,
        contentVariables: content?.variables ?? null,
      };
    } catch (err) {
      if (err instanceof PermanentSendError)
        throw AppError.conflict(`The provider refused the test message: ${err.message}`, [
          { path: 'to', message: err.message },
        ]);
      throw err;
    }
  };
}

export type TestSend = ReturnType<typeof createTestSend>;
