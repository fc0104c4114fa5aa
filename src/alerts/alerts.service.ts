import type { Connection, Types } from 'mongoose';
import type { ChannelAdapter } from '../channels/channel';
import type { ReportsService } from '../reports';
import type { SurveyKind } from '../reports/score-figures';
import type { Logger } from '../shared/logger';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { UsersService, WorkspacesService } from '../workspaces';
import { workspaceModel } from '../workspaces/workspace.model';
import { decideAlert } from './alert-decision';
import { daysToWatch, type AlertDay } from './alert-days';
import { alertLogModel } from './alert-log.model';
import { renderAlert } from './alert-render';
import { alertLocaleOf } from './alert-text';
import { dayComparisons, type DayComparisons, type SegmentComparison } from './segment-figures';
import type { Difference } from '../reports/statistics';

export interface AlertsServiceDeps {
  conn: Connection;
  reports: ReportsService;
  workspaces: WorkspacesService;
  users: UsersService;
  email: ChannelAdapter;
  publicUrl: string;
  logger: Logger;
}

export interface AlertsOutcome {
  workspaces: number;
  /** Alerts this run claimed (or resumed) and e-mailed. */
  alerts: number;
  emails: number;
}

const TYPES: readonly SurveyKind[] = ['nps', 'csat', 'ces'];
/** How long an unfinished claim may stand still before a later run takes it over. */
export const STALE_CLAIM_MS = 30 * 60_000;

type WorkspaceView = Awaited<ReturnType<WorkspacesService['getWorkspace']>>;

interface Found {
  watched: AlertDay;
  figures: DayComparisons;
  segment: SegmentComparison;
  change: Difference;
}

/** Significant-drop alerts: watch each workspace's segments, e-mail managers once per day. */
export function createAlertsService(deps: AlertsServiceDeps) {
  const Logs = alertLogModel(deps.conn);
  const Workspaces = workspaceModel(deps.conn);
  const domain = new URL(deps.publicUrl).hostname;

  /**
   * Claims the segment's day by inserting its log before any e-mail. A later run or another
   * worker that finds the claim sends nothing; only a retry of the claiming job (same BullMQ job
   * id) goes on, skipping the recipients already recorded — or, once an unfinished claim has
   * not moved for STALE_CLAIM_MS (its job gave up, say during an SMTP outage), a later run takes
   * it over and e-mails the recipients still missing.
   */
  async function claim(workspaceId: Types.ObjectId, found: Found, jobId: string) {
    const key = {
      workspaceId,
      surveyType: found.figures.type,
      dimension: found.segment.dimension,
      value: found.segment.value,
      day: found.watched.day,
    };
    try {
      const figures = {
        day: recorded(found.segment.day),
        trailing: recorded(found.segment.trailing),
        change: found.change,
      };
      const log = await Logs.create({ ...key, jobId, figures });
      return { key, id: String(log._id), sentTo: [] as string[] };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const log = await Logs.findOne(key).lean();
      if (!log || log.completedAt) return null;
      if (log.jobId === jobId) return { key, id: String(log._id), sentTo: [...log.sentTo] };
      // Each recorded recipient bumps updatedAt, so a claim still at work is never stale.
      const taken = await Logs.findOneAndUpdate(
        {
          ...key,
          jobId: log.jobId,
          completedAt: null,
          updatedAt: { $lt: new Date(Date.now() - STALE_CLAIM_MS) },
        },
        { $set: { jobId } },
        { returnDocument: 'after' },
      ).lean();
      return taken ? { key, id: String(taken._id), sentTo: [...taken.sentTo] } : null;
    }
  }

  async function findDrops(workspaceId: Types.ObjectId, now: Date, zone: string) {
    const found: Found[] = [];
    for (const type of TYPES) {
      for (const watched of daysToWatch(now, zone)) {
        const figures = await dayComparisons(deps.reports, workspaceId, type, watched);
        for (const segment of figures?.segments ?? []) {
          const decision = decideAlert({
            type,
            direction: figures!.direction,
            day: segment.day,
            trailing: segment.trailing,
          });
          if (decision.alert)
            found.push({ watched, figures: figures!, segment, change: decision.change });
        }
      }
    }
    return found;
  }

  async function sendAlert(
    workspaceId: Types.ObjectId,
    ws: WorkspaceView,
    found: Found,
    jobId: string,
    now: Date,
  ) {
    const claimed = await claim(workspaceId, found, jobId);
    if (!claimed) return 0;
    const people = await deps.users.list(workspaceId, { active: true });
    const recipients = people.filter((u) => u.role === 'manager' || u.role === 'admin');
    // In the language each person chose in the app, else the workspace's.
    const mails = new Map<string, ReturnType<typeof renderAlert>>();
    const mailIn = (locale: ReturnType<typeof alertLocaleOf>) => {
      const mail =
        mails.get(locale) ??
        renderAlert({
          workspace: { name: ws.name, timezone: ws.timezone, locale },
          figures: found.figures,
          watched: found.watched,
          segment: found.segment,
          change: found.change,
          now,
          publicUrl: deps.publicUrl,
        });
      mails.set(locale, mail);
      return mail;
    };
    let sent = 0;
    for (const user of recipients) {
      if (claimed.sentTo.includes(user.email)) continue;
      const locale = alertLocaleOf(user.locale ?? ws.defaultLocale);
      const mail = mailIn(locale);
      const messageKey = `alert-${claimed.id}-${user.id}`;
      await deps.email.send({
        channel: 'email',
        to: user.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Message-ID': `<${messageKey}@${domain}>` },
        link: deps.publicUrl,
        meta: {
          workspaceId: ws.id,
          invitationId: messageKey,
          surveyType: found.figures.type,
          locale,
        },
      });
      await Logs.updateOne(claimed.key, { $addToSet: { sentTo: user.email } });
      sent += 1;
    }
    await Logs.updateOne(claimed.key, { $set: { completedAt: new Date() } });
    deps.logger.info({ ...claimed.key, workspaceId: ws.id, sent }, 'score alert sent');
    return sent;
  }

  /** One workspace: the segments that dropped today so far or yesterday, each e-mailed once. */
  async function checkWorkspace(workspaceId: Types.ObjectId, jobId: string, now: Date) {
    const ws = await deps.workspaces.getWorkspace(workspaceId);
    let alerts = 0;
    let emails = 0;
    for (const found of await findDrops(workspaceId, now, ws.timezone)) {
      const sent = await sendAlert(workspaceId, ws, found, jobId, now);
      if (sent > 0) alerts += 1;
      emails += sent;
    }
    return { alerts, emails };
  }

  return {
    checkWorkspace,

    /**
     * Every workspace, one after the other. A failing workspace does not stop the others; the
     * run then fails so BullMQ retries it, and the retry resumes what this job claimed.
     */
    async runAll(jobId: string, now: Date = new Date()): Promise<AlertsOutcome> {
      const outcome: AlertsOutcome = { workspaces: 0, alerts: 0, emails: 0 };
      const failures: unknown[] = [];
      for await (const ws of Workspaces.find().select({ _id: 1 }).lean().cursor()) {
        outcome.workspaces += 1;
        try {
          const done = await checkWorkspace(ws._id, jobId, now);
          outcome.alerts += done.alerts;
          outcome.emails += done.emails;
        } catch (err) {
          deps.logger.error({ err, workspaceId: String(ws._id) }, 'score alerts failed');
          failures.push(err);
        }
      }
      if (failures.length) {
        throw new AggregateError(
          failures,
          `score alerts failed for ${failures.length} workspace(s)`,
        );
      }
      return outcome;
    },
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;

/** What the log keeps of a figure: enough to say later what the e-mail said. */
function recorded(f: SegmentComparison['day']) {
  return { score: f.score, n: f.n, ci95: f.ci95, counts: f.counts };
}
