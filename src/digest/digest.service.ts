import type { Connection, Types } from 'mongoose';
import type { ChannelAdapter } from '../channels/channel';
import type { ReportsService } from '../reports';
import { responseModel } from '../responses/response.model';
import type { Logger } from '../shared/logger';
import { isDuplicateKey } from '../shared/mongo-errors';
import { taskModel } from '../tasks/task.model';
import type { UsersService, WorkspacesService } from '../workspaces';
import type { UserView } from '../workspaces/users/users.service';
import { buildAgentCardContent } from './agent-card-content';
import { renderAgentCard } from './agent-card-render';
import { buildDigestContent } from './digest-content';
import { digestLogModel } from './digest-log.model';
import { renderDigest } from './digest-render';
import { isoWeekRange, previousIsoWeek } from './digest-week';

export interface DigestServiceDeps {
  conn: Connection;
  reports: ReportsService;
  workspaces: WorkspacesService;
  users: UsersService;
  email: ChannelAdapter;
  publicUrl: string;
  logger: Logger;
  clock?: () => Date;
}

export type DigestOutcome =
  { status: 'sent'; week: string; recipients: number } | { status: 'already-sent'; week: string };

type RenderedMail = { subject: string; html: string; text: string };

/**
 * The weekly e-mails of one workspace and ISO week, each sent once: the digest to every active
 * manager and admin, and to every active agent their own report card.
 */
export function createDigestService(deps: DigestServiceDeps) {
  const Logs = digestLogModel(deps.conn);
  const content = {
    reports: deps.reports,
    Responses: responseModel(deps.conn),
    Tasks: taskModel(deps.conn),
    publicUrl: deps.publicUrl,
  };
  const domain = new URL(deps.publicUrl).hostname;
  const clock = deps.clock ?? (() => new Date());

  /**
   * Claims the week by inserting the log before any e-mail. Another job or worker that finds the
   * claim sends nothing; only a retry of the claiming job (same BullMQ job id) may go on, and it
   * skips the recipients already recorded.
   */
  async function claim(workspaceId: Types.ObjectId, week: string, jobId: string) {
    try {
      await Logs.create({ workspaceId, week, jobId });
      return [] as string[];
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const log = await Logs.findOne({ workspaceId, week }).lean();
      if (!log || log.jobId !== jobId || log.completedAt) return null;
      return [...log.sentTo];
    }
  }

  return {
    async send(workspaceId: Types.ObjectId, jobId: string, week?: string): Promise<DigestOutcome> {
      const ws = await deps.workspaces.getWorkspace(workspaceId);
      const range = week ? isoWeekRange(week, ws.timezone) : previousIsoWeek(clock(), ws.timezone);
      const alreadySent = await claim(workspaceId, range.week, jobId);
      if (alreadySent === null) return { status: 'already-sent', week: range.week };

      const people = await deps.users.list(workspaceId, { active: true });
      // Each person reads their mail in the language they chose in the app, else the workspace's.
      const mailContext = (user: UserView) => ({
        workspace: ws.name,
        timezone: ws.timezone,
        locale: user.locale ?? ws.defaultLocale,
      });
      let weekContent: Awaited<ReturnType<typeof buildDigestContent>> | undefined;
      const digests = new Map<string, ReturnType<typeof renderDigest>>();
      let sent = 0;
      const deliver = async (user: UserView, kind: string, mail: RenderedMail) => {
        const key = `${kind}-${String(workspaceId)}-${range.week}-${user.id}`;
        await deps.email.send({
          channel: 'email',
          to: user.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'Message-ID': `<${key}@${domain}>` },
          link: content.publicUrl,
          meta: {
            workspaceId: String(workspaceId),
            invitationId: key,
            surveyType: '',
            locale: user.locale ?? ws.defaultLocale,
          },
        });
        await Logs.updateOne(
          { workspaceId, week: range.week },
          { $addToSet: { sentTo: user.email } },
        );
        sent += 1;
      };
      // Managers and admins get the digest; agents their own card, never the digest.
      for (const user of people) {
        if (alreadySent.includes(user.email)) continue;
        if (user.role === 'manager' || user.role === 'admin') {
          weekContent ??= await buildDigestContent(content, workspaceId, range, ws.timezone);
          const locale = mailContext(user).locale;
          if (!digests.has(locale))
            digests.set(locale, renderDigest(weekContent, mailContext(user)));
          await deliver(user, 'digest', digests.get(locale)!);
        } else if (user.role === 'agent') {
          const card = await buildAgentCardContent(content, workspaceId, user, range);
          await deliver(user, 'agent-card', renderAgentCard(card, mailContext(user)));
        }
      }
      await Logs.updateOne(
        { workspaceId, week: range.week },
        { $set: { completedAt: new Date() } },
      );
      deps.logger.info({ workspaceId: String(workspaceId), week: range.week, sent }, 'digest sent');
      return { status: 'sent', week: range.week, recipients: sent };
    },
  };
}
export type DigestService = ReturnType<typeof createDigestService>;
