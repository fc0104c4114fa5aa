import type { NotifyAction } from '../rules.schema';
import type { DirectoryUser } from '../../tasks';
import type { ActionDeps, ActionResult, ActionRun } from './action-context';
import { renderText } from './message-text';
import { enqueueWebhook } from './webhook';

/** Email goes out here (at most once: a crash mid-send is not retried); webhooks are queued. */
export async function notify(
  deps: ActionDeps,
  run: ActionRun,
  action: NotifyAction,
): Promise<ActionResult> {
  if (action.webhook) return enqueueWebhook(deps, run);
  const email = action.email!;
  const recipients = await recipientsOf(deps, run, email);
  if (recipients.length === 0) return { status: 'skipped', reason: 'no recipients' };
  const { response } = run;
  const vars = {
    rule: run.ruleName,
    type: response.surveyType.toUpperCase(),
    score: response.score,
    category: response.category ?? '',
    comment: response.comment ?? '',
    customerName: run.contact?.name ?? '',
    agentName: response.segment.agentName ?? '',
    team: response.segment.team ?? '',
  };
  const subject = renderText(email.subject ?? '{{type}} {{score}} ({{category}}): {{rule}}', vars);
  const text = [
    `${vars.type} answer ${String(vars.score)} (${vars.category}) matched the rule "${run.ruleName}".`,
    vars.customerName ? `Customer: ${vars.customerName}` : '',
    vars.agentName ? `Agent: ${vars.agentName}${vars.team ? ` (${vars.team})` : ''}` : '',
    vars.comment ? `Comment: ${vars.comment}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  for (const user of recipients) {
    await deps.mail({
      to: user.email,
      subject,
      text,
      key: `notify-${String(run.logId)}-${user.id}`,
      workspaceId: String(run.workspaceId),
    });
  }
  return { status: 'done', result: { emailed: recipients.map((u) => u.email) } };
}

async function recipientsOf(
  deps: ActionDeps,
  run: ActionRun,
  email: NonNullable<NotifyAction['email']>,
): Promise<DirectoryUser[]> {
  const found = new Map<string, DirectoryUser>();
  for (const ref of email.users) {
    const user = await deps.directory.findAgent(run.workspaceId, { id: ref });
    if (user) found.set(user.id, user);
  }
  for (const user of email.roles.length
    ? await deps.directory.listByRoles(run.workspaceId, email.roles)
    : []) {
    found.set(user.id, user);
  }
  const team = run.response.segment.team;
  if (email.teamManagers && team) {
    for (const user of await deps.directory.listTeamMembers(run.workspaceId, team, 'manager')) {
      found.set(user.id, user);
    }
  }
  return [...found.values()].filter((u) => u.email);
}
