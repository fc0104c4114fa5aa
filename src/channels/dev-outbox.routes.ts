import { Router } from 'express';
import type { DevOutbox, OutboxEntry } from './dev-outbox';

/** Dev only: what would have been sent, with clickable survey links. Mount outside production. */
export function devOutboxRoutes(outbox: DevOutbox): Router {
  const router = Router();
  router.get('/dev/outbox.json', (_req, res) => {
    res.json({ messages: outbox.list() });
  });
  router.get('/dev/outbox', (_req, res) => {
    res.type('html').send(renderOutbox(outbox.list()));
  });
  return router;
}

export function renderOutbox(entries: OutboxEntry[]): string {
  const rows = entries.map(renderEntry).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev outbox · Retour</title>
</head>
<body>
<main>
<h1>Dev outbox</h1>
<p>Messages Retour would have sent if Twilio or SMTP were configured. Newest first, last 200 kept.</p>
${entries.length ? `<ol reversed>\n${rows}\n</ol>` : '<p>Nothing yet.</p>'}
</main>
</body>
</html>`;
}

function renderEntry(e: OutboxEntry): string {
  const subject = e.subject ? `<p><strong>${escapeHtml(e.subject)}</strong></p>` : '';
  const link = isHttp(e.link)
    ? `<p><a href="${escapeHtml(e.link)}">${escapeHtml(e.link)}</a></p>`
    : '';
  return `<li>
<p><time datetime="${e.at.toISOString()}">${e.at.toISOString()}</time> · ${escapeHtml(e.channel)} → ${escapeHtml(e.to || '(no address)')} · ${escapeHtml(e.meta.surveyType)} · invitation ${escapeHtml(e.meta.invitationId)}</p>
${subject}<pre>${escapeHtml(e.text)}</pre>
${link}</li>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Only http(s) links become clickable, so a javascript: URL in a template cannot run.
function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
