/** Path segments that are bearer secrets: whoever reads them from a log can answer or sign in. */
const SECRET_SEGMENTS = /\/(s|reset)\/[^/?#]+/g;
const SECRET_QUERY = /([?&](?:token|key|code)=)[^&#]*/gi;

/** A request URL fit for logs: survey and reset tokens become `[token]`. */
export function redactUrl(url: string): string {
  return url
    .replace(SECRET_SEGMENTS, (_m, prefix: string) => `/${prefix}/[token]`)
    .replace(SECRET_QUERY, '$1[redacted]');
}
