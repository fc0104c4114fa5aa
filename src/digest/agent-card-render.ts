import type { AgentCardContent } from './agent-card-content';
import { colon, formatDay, formatHeadline } from './digest-format';
import { differenceLine, followUpLine, scoreLines } from './digest-lines';
import { weekPeriod, type DigestMailContext } from './digest-render';
import { digestText } from './digest-text';
import { emailTemplate } from './email-template';

/** The agent's report card view, in the workspace's language. */
export function agentCardView(content: AgentCardContent, ctx: DigestMailContext) {
  const wording = digestText(ctx.locale);
  const { locale, text } = wording;
  const week = content.week.week;
  return {
    lang: locale,
    subject: text.cardSubject(ctx.workspace, week),
    heading: text.cardHeading(content.agent.name, week),
    period: weekPeriod(wording, content.week.from, content.week.to, ctx.timezone),
    noAnswers: content.sections.length === 0 ? text.noAnswers : null,
    sections: content.sections.map((s) => {
      // Alone in the team this week: nothing to compare with.
      const team = s.team && s.team.restOfTeam.n > 0 ? s.team : null;
      return {
        ...scoreLines(wording, {
          ...s.score,
          type: s.type,
          label: s.label,
          scale: s.scale,
          direction: s.direction,
          responseRate: s.responseRate,
        }),
        team: team
          ? formatHeadline(
              locale,
              s.type,
              colon(locale, text.team(team.name)),
              team.restOfTeam.score,
              team.restOfTeam.ci95,
            )
          : null,
        difference: team?.difference
          ? `${colon(locale, text.difference)} ${differenceLine(wording, s.type, team.difference, text.differenceSignificant)}`
          : null,
        significant: team?.difference?.significant ?? false,
        followUp: followUpLine(wording, s.type, s.followUp),
        commentsHeading: text.yourComments,
        noComments: s.comments.length === 0 ? text.noComments : null,
        comments: s.comments.map((c) => ({
          comment: c.comment,
          about: [
            c.score === null ? '–' : String(c.score),
            c.at ? formatDay(locale, c.at, ctx.timezone) : null,
          ]
            .filter(Boolean)
            .join(', '),
        })),
      };
    }),
    inbox: text.inbox,
    inboxLabel: colon(locale, text.inbox),
    inboxUrl: content.inboxUrl,
    footer: text.cardFooter(ctx.workspace),
  };
}

const render = emailTemplate<ReturnType<typeof agentCardView>>('agent-card');

export function renderAgentCard(content: AgentCardContent, ctx: DigestMailContext) {
  return render(agentCardView(content, ctx));
}
