import { Router, type Request, type Response } from 'express';
import { compileAppView, pageT, renderAppPage } from '../pages';
import type { UploadedFile } from '../shared/multipart-form';
import { actorOf, requireUser } from '../workspaces';
import { LOW_POOL_CODES, mergeCodeLists, parseCodeList, poolLevel } from './reward-code-list';
import type { RewardCodes } from './reward-codes';
import { poolParam } from './reward-pools.schema';
import type { RulesService } from './rules.service';

export interface RewardPoolsPageDeps {
  rewards: Pick<RewardCodes, 'add' | 'pools'>;
  rules: Pick<RulesService, 'list'>;
}

const view = compileAppView('app/rewards.hbs');
/** Per upload; the API takes 1,000 per call, the page adds them in calls of that size. */
export const MAX_UPLOAD_CODES = 10_000;
const CHUNK = 1000;

/** Which form came back with errors: the new pool's (null) or one pool's "add codes". */
interface FormState {
  pool: string | null;
  kept: { pool: string; codes: string };
  errors: { pool?: string; codes?: string };
}

const isFile = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).content);

/** The pools rules hand codes out from (send_message's rewardPool), with the rules' names. */
async function poolsNamedByRules(rules: RewardPoolsPageDeps['rules'], req: Request) {
  const named = new Map<string, string[]>();
  for (const rule of await rules.list(actorOf(req).workspaceId)) {
    for (const action of rule.actions) {
      const pool = (action as { rewardPool?: unknown }).rewardPool;
      if (typeof pool === 'string') named.set(pool, [...(named.get(pool) ?? []), rule.name]);
    }
  }
  return named;
}

/** /app/rewards: reward pools, their stock, and codes added by paste or CSV upload. */
export function rewardPoolsPageRoutes(deps: RewardPoolsPageDeps): Router {
  const router = Router();
  const admin = requireUser(['admin']);

  const render = async (req: Request, res: Response, state: FormState | null, status = 200) => {
    const t = pageT(req);
    const [stock, named] = await Promise.all([
      deps.rewards.pools(actorOf(req).workspaceId),
      poolsNamedByRules(deps.rules, req),
    ]);
    const byName = new Map(stock.map((s) => [s.pool, s]));
    for (const pool of named.keys()) {
      if (!byName.has(pool)) byName.set(pool, { pool, remaining: 0, used: 0 });
    }
    // A pool nobody has yet comes back in the new pool's form, its name filled in.
    if (state?.pool && !byName.has(state.pool)) state = { ...state, pool: null };
    const q = req.query;
    const added = status === 200 && typeof q.added === 'string' ? Number(q.added) : NaN;
    const ignored = typeof q.ignored === 'string' ? Number(q.ignored) : 0;
    renderAppPage(
      req,
      res,
      view,
      {
        title: t('rewards.title'),
        styles: ['workspace.css'],
        lowCodes: LOW_POOL_CODES,
        notice:
          Number.isInteger(added) && typeof q.pool === 'string'
            ? {
                added: t('rewards.notice.added', { count: added, pool: q.pool }),
                ignored: ignored > 0 ? t('rewards.notice.ignored', { count: ignored }) : null,
              }
            : null,
        pools: [...byName.values()]
          .sort((a, b) => a.pool.localeCompare(b.pool))
          .map((p) => {
            const level = poolLevel(p.remaining, p.used);
            const mine = state?.pool === p.pool ? state : null;
            return {
              ...p,
              level,
              tone: level === 'ok' ? 'ok' : level === 'low' ? 'warn' : 'bad',
              levelText: t(`rewards.level.${level}`, { count: p.remaining }),
              remainingText: t('rewards.remaining', { count: p.remaining }),
              usedText: t('rewards.used', { count: p.used }),
              rules: named.get(p.pool) ?? [],
              form: mine ? { codes: mine.kept.codes, errors: mine.errors, open: true } : null,
            };
          }),
        create:
          state && state.pool === null ? state : { kept: { pool: '', codes: '' }, errors: {} },
      },
      status,
    );
  };

  router.get('/app/rewards', admin, (req, res) => render(req, res, null));

  const upload = async (req: Request, res: Response, target: string | null) => {
    const t = pageT(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof body.codes === 'string' ? body.codes : '';
    const poolName = target ?? (typeof body.pool === 'string' ? body.pool.trim() : '');
    const state: FormState = { pool: target, kept: { pool: poolName, codes: typed }, errors: {} };
    if (!poolParam.safeParse({ pool: poolName }).success)
      state.errors.pool = t('rewards.error.pool');

    const file = isFile(body.file) && body.file.content.length > 0 ? body.file : null;
    const fileText = file ? file.content.toString('utf8') : '';
    if (file && (fileText.includes('\u0000') || fileText.includes('\uFFFD'))) {
      state.errors.codes = t('rewards.error.notText', { name: file.filename });
    }
    const list = mergeCodeLists([parseCodeList(typed), parseCodeList(fileText)]);
    if (!state.errors.codes) {
      if (list.tooLong.length > 0) {
        state.errors.codes = t('rewards.error.tooLong', {
          lines: list.tooLong.slice(0, 5).join(', '),
          max: 100,
        });
      } else if (list.codes.length === 0) state.errors.codes = t('rewards.error.none');
      else if (list.codes.length > MAX_UPLOAD_CODES)
        state.errors.codes = t('rewards.error.tooMany', { max: MAX_UPLOAD_CODES });
    }
    if (state.errors.pool || state.errors.codes) return render(req, res, state, 400);

    const wsId = actorOf(req).workspaceId;
    let added = 0;
    for (let i = 0; i < list.codes.length; i += CHUNK) {
      added += await deps.rewards.add(wsId, poolName, list.codes.slice(i, i + CHUNK));
    }
    const ignored = list.repeated + (list.codes.length - added);
    const query = new URLSearchParams({
      pool: poolName,
      added: String(added),
      ignored: String(ignored),
    });
    res.redirect(303, `/app/rewards?${query.toString()}#pool-${poolName}`);
  };

  router.post('/app/rewards', admin, (req, res) => upload(req, res, null));
  router.post('/app/rewards/:pool/codes', admin, async (req, res, next) => {
    const pool = String(req.params.pool);
    if (!poolParam.safeParse({ pool }).success) return next();
    await upload(req, res, pool);
  });

  return router;
}
