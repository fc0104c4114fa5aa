/** The baseline for bench/landing: a bare Express route returning a small page. */
import express from 'express';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body>${'<p>baseline</p>'.repeat(300)}</body></html>`;
const app = express();
app.get('/bare', (_req, res) => {
  res.type('html').send(page);
});
const server = app.listen(Number(process.env.PORT ?? 0), () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
