import { Types } from 'mongoose';
import request from 'supertest';
import { useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

/** Survey texts in any language, chosen per contact at send time through the real dispatch worker. */
const app = useDeliveryApp('dispatch-languages', { workers: true });
beforeEach(() => app.fakes.twilio.reset());

let seq = 0;
const nextPhone = () => `+3361300${String(1000 + ++seq).padStart(4, '0')}`;

const SMS = {
  en: 'Hi, from 0 to 10 would you recommend {{company}}? {{link}}',
  es: 'Hola{{#if customerName}} {{customerName}}{{/if}}, del 0 al 10, ¿recomendaría {{company}}? {{link}}',
  pt: 'Olá{{#if customerName}} {{customerName}}{{/if}}, de 0 a 10, recomendaria a {{company}}? {{link}}',
  pl: 'Dzień dobry, w skali 0–10, czy polecisz {{company}}? {{link}}',
};

async function nps(ws: TestWorkspace, sms: Record<string, string>) {
  const list = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  const survey = list.body.surveys.find((s: { key: string }) => s.key === 'nps');
  await request(app.ctx.app)
    .patch(`/api/v1/surveys/${survey.id}`)
    .set(ws.auth)
    .send({ templates: { sms } })
    .expect(200);
}

async function smsFor(ws: TestWorkspace, locale: string) {
  const phone = nextPhone();
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `lang-${seq}`,
      type: 'ticket.solved',
      customer: { id: `c-${seq}`, name: 'Lucía', phone, locale },
      survey: { type: 'nps', channels: ['sms'] },
    })
    .expect(202);
  const inv = res.body.invitations[0] as { id: string; url: string };
  const message = await waitFor(
    () => app.fakes.twilio.messages.find((m) => m.to === phone),
    `the SMS to ${locale}`,
  );
  const stored = await waitFor(async () => {
    const doc = await app.ctx.container.mongo
      .collection('invitations')
      .findOne({ _id: new Types.ObjectId(inv.id) });
    return doc?.status === 'sent' ? doc : null;
  }, 'the invitation to be sent');
  return { inv, message, stored };
}

describe('survey texts in the contact language', () => {
  it('when an es contact is surveyed by a survey with Spanish texts, then the SMS is the Spanish one, with the link', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await nps(ws, SMS);
    const { inv, message, stored } = await smsFor(ws, 'es');
    expect(message.body).toBe(`Hola Lucía, del 0 al 10, ¿recomendaría Acme? ${inv.url}`);
    expect(stored).toMatchObject({ locale: 'es', encoding: 'UCS-2' });
  });

  it('when a pt-BR contact is surveyed and the survey has pt but no pt-BR, then the pt text goes out', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await nps(ws, SMS);
    const { inv, message, stored } = await smsFor(ws, 'pt-br');
    expect(message.body).toBe(`Olá Lucía, de 0 a 10, recomendaria a Acme? ${inv.url}`);
    expect(stored).toMatchObject({ locale: 'pt-BR' });
  });

  it('when a Polish text is sent, then it is counted as UCS-2 segments', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await nps(ws, SMS);
    const { message, stored } = await smsFor(ws, 'pl-PL');
    expect(message.body).toMatch(/^Dzień dobry, w skali 0–10, czy polecisz Acme\? http/);
    expect(stored).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });

  it('when a de contact is surveyed by a survey without German, then the workspace default (en) is used', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await nps(ws, SMS);
    const { inv, message } = await smsFor(ws, 'de');
    expect(message.body).toBe(`Hi, from 0 to 10 would you recommend Acme? ${inv.url}`);
  });
});
