import { Types } from 'mongoose';
import request from 'supertest';
import type { Condition, Op } from '../../src/conditions';
import { RESPONSE_JOB_NAME } from '../../src/responses';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { storedResponse } from './rules-helpers';

/**
 * Every operator and nesting of rule conditions, through the rules API (zod), MongoDB and the
 * real `responses` worker: one rule per case, each tagging the response with its own tag, so the
 * tags a response ends up with say exactly which conditions held for it.
 */
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  ctx = await startTestContext('rules-operators');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

type Name = 'detractor' | 'promoter' | 'passive';

/** The three responses every rule is evaluated against. */
const RESPONSES: Record<Name, Parameters<typeof storedResponse>[2]> = {
  detractor: {
    score: 2,
    channel: 'sms',
    team: 'Support',
    comment: 'Arrêt du service, très déçu',
    segment: {
      product: 'Fibre',
      region: 'FR',
      revenue: 1200,
      attributes: { plan: 'pro', tier: '3' },
    },
    contactAttributes: { vip: true, city: 'Lyon' },
  },
  promoter: {
    score: 9,
    channel: 'whatsapp',
    team: 'Sales',
    comment: null,
    segment: { product: 'Mobile', region: 'US', revenue: 50 },
  },
  passive: {
    score: 7,
    channel: 'email',
    team: 'Billing',
    comment: 'Le DELAI était long',
    segment: { revenue: 500 },
  },
};

interface Case {
  tag: string;
  conditions: Condition;
  /** The responses the rule must tag; every other one must stay without its tag. */
  matches: Name[];
}

const p = (field: string, op: Op, value: unknown): Condition => ({ field, op, value });

const CASES: Case[] = [
  { tag: 'eq-string', conditions: p('category', 'eq', 'detractor'), matches: ['detractor'] },
  { tag: 'eq-number', conditions: p('score', 'eq', 9), matches: ['promoter'] },
  {
    tag: 'eq-contact-attribute',
    conditions: p('contact.attributes.city', 'eq', 'Lyon'),
    matches: ['detractor'],
  },
  { tag: 'eq-boolean', conditions: p('hasComment', 'eq', false), matches: ['promoter'] },
  // A missing product (the passive one) is "not Fibre" too.
  { tag: 'neq', conditions: p('product', 'neq', 'Fibre'), matches: ['promoter', 'passive'] },
  {
    tag: 'in',
    conditions: p('team', 'in', ['Support', 'Billing']),
    matches: ['detractor', 'passive'],
  },
  // A missing region is "not in" any list.
  { tag: 'nin', conditions: p('region', 'nin', ['FR', 'BE']), matches: ['promoter', 'passive'] },
  { tag: 'lt', conditions: p('score', 'lt', 7), matches: ['detractor'] },
  { tag: 'lte', conditions: p('score', 'lte', 7), matches: ['detractor', 'passive'] },
  { tag: 'gt', conditions: p('score', 'gt', 7), matches: ['promoter'] },
  { tag: 'gte', conditions: p('score', 'gte', 7), matches: ['promoter', 'passive'] },
  {
    tag: 'gte-numeric-string-attribute',
    conditions: p('attributes.tier', 'gte', 3),
    matches: ['detractor'],
  },
  {
    tag: 'between-inclusive',
    conditions: p('score', 'between', [2, 7]),
    matches: ['detractor', 'passive'],
  },
  {
    tag: 'between-revenue',
    conditions: p('revenue', 'between', [100, 1200]),
    matches: ['detractor', 'passive'],
  },
  // Case- and accent-insensitive, both ways: "ARRET" finds "Arrêt", "délai" finds "DELAI".
  {
    tag: 'contains-accent-case',
    conditions: p('comment', 'contains', 'ARRET'),
    matches: ['detractor'],
  },
  {
    tag: 'contains-accented-needle',
    conditions: p('comment', 'contains', 'délai'),
    matches: ['passive'],
  },
  { tag: 'contains-none', conditions: p('comment', 'contains', 'refund'), matches: [] },
  { tag: 'matches', conditions: p('comment', 'matches', '^arr.t\\b'), matches: ['detractor'] },
  {
    tag: 'matches-alternation',
    conditions: p('channel', 'matches', '^(sms|whatsapp)$'),
    matches: ['detractor', 'promoter'],
  },
  {
    tag: 'exists-true',
    conditions: p('contact.attributes.vip', 'exists', true),
    matches: ['detractor'],
  },
  { tag: 'exists-false', conditions: p('comment', 'exists', false), matches: ['promoter'] },
  {
    tag: 'all-with-any',
    conditions: {
      all: [
        p('category', 'eq', 'detractor'),
        { any: [p('region', 'eq', 'US'), p('product', 'eq', 'Fibre')] },
      ],
    },
    matches: ['detractor'],
  },
  {
    tag: 'all-with-any-none',
    conditions: {
      all: [
        p('category', 'eq', 'detractor'),
        { any: [p('region', 'eq', 'US'), p('product', 'eq', 'Mobile')] },
      ],
    },
    matches: [],
  },
  {
    tag: 'any-of-alls',
    conditions: {
      any: [
        { all: [p('score', 'gte', 9), p('channel', 'eq', 'whatsapp')] },
        { all: [p('score', 'between', [5, 8]), p('contact.attributes.vip', 'exists', false)] },
      ],
    },
    matches: ['promoter', 'passive'],
  },
  {
    tag: 'three-levels',
    conditions: {
      all: [
        {
          any: [
            { all: [p('team', 'eq', 'Support'), p('score', 'lt', 5)] },
            p('team', 'eq', 'Billing'),
          ],
        },
        p('region', 'nin', ['US']),
      ],
    },
    matches: ['detractor', 'passive'],
  },
  { tag: 'empty-all', conditions: { all: [] }, matches: ['detractor', 'promoter', 'passive'] },
  { tag: 'empty-any', conditions: { any: [] }, matches: [] },
];

async function workspaceWithCaseRules(): Promise<TestWorkspace> {
  const ws = await createTestWorkspace(ctx, 'Operators');
  // Only the rules of this table: the default rules would create tasks and send messages.
  const listed = await request(ctx.app).get('/api/v1/rules').set(ws.auth).expect(200);
  for (const rule of listed.body.rules as { id: string }[]) {
    await request(ctx.app).delete(`/api/v1/rules/${rule.id}`).set(ws.auth).expect(204);
  }
  for (const [i, c] of CASES.entries()) {
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: `case ${c.tag}`,
        priority: i + 1,
        conditions: c.conditions,
        actions: [{ type: 'tag', tags: [c.tag] }],
      })
      .expect(201);
  }
  return ws;
}

const NAMES = Object.keys(RESPONSES) as Name[];

/** The tags each response carries once the real worker has processed its `responses` job. */
async function processAll(): Promise<Record<Name, string[]>> {
  const ws = await workspaceWithCaseRules();
  const ids = new Map<Name, string>();
  for (const name of NAMES) {
    const { responseId } = await storedResponse(ctx, ws.workspaceId, RESPONSES[name]);
    ids.set(name, responseId);
  }
  const jobs = await Promise.all(
    NAMES.map((name) =>
      ctx.container.queues.responses.add(
        RESPONSE_JOB_NAME,
        { responseId: ids.get(name)!, workspaceId: String(ws.workspaceId), version: 1 },
        { jobId: `operators-${ids.get(name)!}` },
      ),
    ),
  );
  await waitFor(
    async () =>
      (await Promise.all(jobs.map((job) => job.getState()))).every((s) => s === 'completed'),
    'the three response jobs',
  );
  const stored = await ctx.container.mongo
    .collection('responses')
    .find({ _id: { $in: [...ids.values()].map((id) => new Types.ObjectId(id)) } })
    .toArray();
  const tagsOf = (name: Name) =>
    (stored.find((d) => String(d._id) === ids.get(name))?.tags as string[] | undefined) ?? [];
  return Object.fromEntries(NAMES.map((name) => [name, tagsOf(name)])) as Record<Name, string[]>;
}

describe('rule conditions through the rules worker', () => {
  let tags: Record<Name, string[]>;
  beforeAll(async () => {
    tags = await processAll();
  });

  it.each(CASES)('rule "$tag" tags exactly the responses its condition holds for', (c) => {
    expect(NAMES.filter((name) => tags[name].includes(c.tag))).toEqual(
      NAMES.filter((name) => c.matches.includes(name)),
    );
  });

  it('when the responses are processed, then no tag appears twice or from outside the table', () => {
    const known = new Set(CASES.map((c) => c.tag));
    for (const name of NAMES) {
      expect(tags[name].filter((t) => !known.has(t))).toEqual([]);
      expect(new Set(tags[name]).size).toBe(tags[name].length);
    }
  });
});
