/**
 * Who an interaction's agent is, the one rule of assignment, per-agent reports and agent cards,
 * pure: the agent id the helpdesk sent; else the workspace user with the agent's e-mail (by that
 * user's id, so the answers group with those carrying the id); else the e-mail, lower-cased.
 */
export function agentIdentity(agent: unknown, userIdByEmail: string | null): string | null {
  const a = record(agent);
  return text(a.id) ?? userIdByEmail ?? agentEmailToResolve(agent);
}

/** The lower-cased e-mail of an agent given without an id: the one to look a user up by. */
export function agentEmailToResolve(agent: unknown): string | null {
  const a = record(agent);
  const email = text(a.email)?.trim().toLowerCase();
  return text(a.id) === null && email ? email : null;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
