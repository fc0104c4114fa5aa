import type { Connection } from 'mongoose';
import type { InboundReplyHandler } from '../invitations/twilio-webhooks.routes';
import { pickLocalized } from '../shared/locales';
import { isDuplicateKey } from '../shared/mongo-errors';
import { renderTemplate } from '../shared/text-templates';
import type { AnswerContext, AnswerContexts } from './answer-context';
import { fill, textsFor } from './landing-i18n';
import type { ResponsesService } from './responses.service';
import { smsReaskModel } from './sms-reask.model';
import { parseSmsReply } from './sms-reply';

export interface SmsReplyDeps {
  conn: Connection;
  contexts: AnswerContexts;
  responses: ResponsesService;
  linkFor: (invitationId: string) => string;
}

/**
 * Answers a non-keyword SMS or WhatsApp reply (STOP, START and HELP were handled before):
 * a score is recorded and thanked with the link for a comment; anything else gets one polite
 * re-ask, after which the text is kept as a comment-only note.
 */
export function createSmsReplyHandler(deps: SmsReplyDeps): InboundReplyHandler {
  const Reasks = smsReaskModel(deps.conn);

  /** True the first time only: the re-ask is sent once per invitation. */
  const firstAsk = async (ctx: AnswerContext, text: string, at: Date) => {
    try {
      await Reasks.create({
        workspaceId: ctx.invitation.workspaceId,
        invitationId: ctx.invitation._id,
        text,
        at,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  };

  return async (message, workspaceId) => {
    const now = new Date();
    const phone = message.From.replace(/^whatsapp:/, '');
    const ctx = await deps.contexts.openForPhone(phone, [workspaceId], now);
    if (!ctx) return null;
    const t = textsFor(ctx.invitation.locale, ctx.workspace.defaultLocale);
    // A WhatsApp quick-reply button or list item: its payload is the chosen score (CSAT and CES
    // only; NPS has 11 options, more than a template holds, so it answers by link or number).
    const choice =
      ctx.survey.type === 'nps' ? undefined : (message.ButtonPayload ?? message.ListId);
    const picked = choice?.trim() ? parseSmsReply(choice.trim(), ctx.survey.scale) : null;
    if (picked?.ok) {
      const saved = await deps.responses.record(
        ctx,
        { score: picked.score, source: 'sms-reply' },
        now,
      );
      if (saved.outcome === 'locked') return null;
      // The answer opened the session window: the follow-up question goes out free-form in it.
      const followUp = pickLocalized(
        ctx.survey.followUpQuestion,
        ctx.invitation.locale,
        ctx.workspace.defaultLocale,
      );
      return followUp
        ? renderTemplate(followUp.text, { company: ctx.workspace.name })
        : fill(t.smsThanks, { link: deps.linkFor(String(ctx.invitation._id)) });
    }
    const text = message.Body.trim();
    const reply = parseSmsReply(text, ctx.survey.scale);
    if (reply.ok) {
      const saved = await deps.responses.record(
        ctx,
        { score: reply.score, comment: reply.comment ?? undefined, source: 'sms-reply' },
        now,
      );
      if (saved.outcome === 'locked') return null;
      return fill(t.smsThanks, { link: deps.linkFor(String(ctx.invitation._id)) });
    }
    if (text === '') return null;
    const answered = ctx.invitation.status === 'answered';
    if (!answered && (await firstAsk(ctx, text, now))) {
      return fill(t.smsReask, { min: ctx.survey.scale.min, max: ctx.survey.scale.max });
    }
    const saved = await deps.responses.addNote(ctx, text, now);
    return saved.outcome === 'locked' ? null : t.smsNoted;
  };
}
