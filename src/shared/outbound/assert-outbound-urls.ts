import { AppError, type FieldProblem } from '../errors';
import { checkOutboundUrl } from './address-policy';

/** Save-time SSRF check: a 400 naming each field whose URL Retour must not call. */
export function assertOutboundUrls(
  urls: { path: string; url: string }[],
  allowHosts: readonly string[],
): void {
  const problems: FieldProblem[] = [];
  for (const { path, url } of urls) {
    const check = checkOutboundUrl(url, allowHosts);
    if (!check.ok) problems.push({ path, message: check.reason });
  }
  if (problems.length > 0) {
    throw AppError.badRequest('A URL points to an address Retour does not call.', problems);
  }
}
