/**
 * The installation's operators: the accounts that may open the queue dashboard, named by email
 * in OPERATOR_EMAILS. Being a workspace admin is not enough: the queues hold every workspace's
 * jobs. Pure, so the config schema and the routes share it.
 */
const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

/** The comma list as lower-case emails (user emails are stored lower-case), or what is wrong. */
export function parseOperatorEmails(text: string | undefined): readonly string[] | string {
  const emails = (text ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  const bad = emails.filter((e) => !EMAIL.test(e));
  if (bad.length) return `not an email address: ${bad.join(', ')}`;
  return [...new Set(emails)];
}

export function isOperator(operators: readonly string[], email: string): boolean {
  return operators.includes(email.trim().toLowerCase());
}
