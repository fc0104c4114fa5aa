import { userModel } from '../../src/workspaces/users/user.model';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { startDeliveryFakes, TEST_PUBLIC_URL, type DeliveryFakes } from '../support/delivery-env';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { many, seedAnswers } from './reports-helpers';

let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers;
let ws: TestWorkspace;

const WEEK = '2026-W43';
const LEA = { agentId: 'lea@boulangerie.test', agentName: 'Léa', team: 'Boutique' };
const seen = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('digest-locale', fakes.env);
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  ws = await createTestWorkspace(ctx, 'Boulangerie');
  await ctx.container.services.workspaces.updateSettings(ws.workspaceId, { defaultLocale: 'fr' });
  await userModel(ctx.container.mongo).insertMany(
    [
      ['chef@boulangerie.test', 'Camille', 'manager', []],
      ['lea@boulangerie.test', 'Léa', 'agent', ['Boutique']],
      ['sam@boulangerie.test', 'Sam', 'admin', [], 'en'],
    ].map(([email, name, role, teams, locale]) => ({
      workspaceId: ws.workspaceId,
      email,
      name,
      role,
      teams,
      active: true,
      ...(locale ? { locale } : {}),
    })),
  );
  await seedAnswers(ctx, ws, [
    // 1 234 answers would be slow to seed; 40 are enough to show the French figures.
    ...many(20, 10, '2026-10-20T10:00:00Z', { segment: LEA }),
    ...many(12, 8, '2026-10-21T10:00:00Z', { segment: LEA }),
    ...many(7, 4, '2026-10-22T10:00:00Z', { segment: LEA }),
    { score: 3, at: '2026-10-23T09:00:00Z', comment: 'pain rassis', segment: LEA },
    // CSAT: 3 satisfied of 4, a low-n section.
    ...many(3, 5, '2026-10-21T10:00:00Z', { type: 'csat', segment: LEA }),
    { score: 2, at: '2026-10-21T10:00:00Z', type: 'csat', segment: LEA },
  ]);
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await fakes.close();
});

describe('digest in the workspace language', () => {
  it('when the workspace speaks French, then the manager digest and the agent card are in French', async () => {
    const job = await ctx.container.services.digestSchedule.trigger(ws.workspaceId, WEEK);
    await waitFor(async () => (await job.getState()) === 'completed', 'the digest job');
    const mails = await waitFor(
      () => (fakes.smtp.messages.length === 3 ? fakes.smtp.messages : null),
      'three e-mails',
    );
    const digest = mails.find((m) => m.to.includes('chef@boulangerie.test'))!;
    expect(digest.subject).toBe(`Boulangerie — synthèse hebdomadaire ${WEEK}`);
    const text = seen(digest.text);
    expect(text).toContain('du 19 octobre 2026 au 25 octobre 2026 (Europe/Paris)');
    // 20 promoters, 12 passives, 8 detractors: NPS +30.
    expect(text).toMatch(/NPS \+30 \(IC 95 % : \+\d+ à \+\d+\)/);
    expect(text).toContain('40 réponses · taux de réponse 100 % · échelle 0–10, plus haut = mieux');
    expect(text).toContain(
      'Évolution par rapport à la semaine précédente : pas de comparaison (aucune réponse la semaine précédente)',
    );
    expect(text).toMatch(/CSAT 75 % \(IC 95 % : [\d,]+ % à [\d,]+ %\)/);
    expect(text).toContain('4 réponses · taux de réponse 100 %');
    expect(text).toContain('moins de 30 réponses : à lire avec prudence');
    expect(text).toMatch(/Détracteurs\r?\n- "pain rassis" \(3\)/);
    expect(text).toContain('Tâches ouvertes : 0 · résolues : 0 · en retard actuellement : 0');
    expect(text).toContain(
      `Échantillon de contrôle : ${TEST_PUBLIC_URL}/app/reports/sample?week=${WEEK}`,
    );
    expect(text).not.toMatch(/\b(answers|interval|Change|Follow-up|Tasks)\b/);
    expect(digest.html).toContain('<html lang="fr">');

    const card = mails.find((m) => m.to.includes('lea@boulangerie.test'))!;
    expect(card.subject).toBe(`Boulangerie — votre bilan hebdomadaire ${WEEK}`);
    const cardText = seen(card.text);
    expect(cardText).toContain(`Léa, votre semaine ${WEEK}`);
    expect(cardText).toMatch(/NPS \+30 \(IC 95 % : \+\d+ à \+\d+\)/);
    expect(cardText).toMatch(/Vos commentaires récents\r?\n- "pain rassis" \(3, 23 octobre 2026\)/);
    expect(cardText).toContain(`Ouvrir votre boîte de suivi : ${TEST_PUBLIC_URL}/app/inbox`);
    expect(cardText).not.toMatch(/\b(answers|interval|your|Open)\b/);

    // An admin who chose English in the app reads the same digest in English.
    const english = mails.find((m) => m.to.includes('sam@boulangerie.test'))!;
    expect(english.subject).toContain('weekly digest');
    expect(seen(english.text)).toMatch(/NPS \+30 \(95% interval: \+\d+ to \+\d+\)/);
    expect(english.html).toContain('<html lang="en">');
  });
});
