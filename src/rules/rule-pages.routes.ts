import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import {
  applyBuilderEdit,
  conditionToForm,
  emptyPredicate,
  parseBuilderEdit,
  type FormNode,
} from '../conditions';
import {
  compileAppView,
  hasKey,
  pageT,
  registerAppPartial,
  renderAppPage,
  requestLocale,
} from '../pages';
import { AppError, type FieldProblem } from '../shared/errors';
import { zodProblems } from '../shared/validation';
import { requireUser, type UsersService, type WorkspacesService } from '../workspaces';
import {
  applyActionEdit,
  parseActionEdit,
  parseRuleForm,
  ruleErrorKey,
  ruleFormInput,
  ruleToForm,
  type RuleForm,
} from './rule-form';
import { priorityAfter } from './rule-order';
import {
  describeAction,
  describeRuleCondition,
  dryRunView,
  ruleFieldChoices,
  ruleFormModel,
  type T,
} from './rule-page-model';
import { ruleInput, type RuleData } from './rules.schema';
import type { RulesService } from './rules.service';

export interface RulePagesDeps {
  rules: Pick<
    RulesService,
    | 'list'
    | 'get'
    | 'create'
    | 'update'
    | 'move'
    | 'keepWebhookSecrets'
    | 'attributeNames'
    | 'dryRunRecent'
  >;
  users: Pick<UsersService, 'list'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
}

registerAppPartial('condition-group', 'app/condition-group.hbs');
registerAppPartial('rule-message-fields', 'app/rule-message-fields.hbs');
const views = {
  list: compileAppView('app/rules.hbs'),
  form: compileAppView('app/rule-form.hbs'),
};

/** Flat names (`conditions[0][1][field]`): the builder parses them itself, whatever the depth. */
const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 600 });
const NOTICES = new Set(['created', 'saved', 'moved', 'activated', 'deactivated']);
const DRY_RUN_SIZE = 200;
const CREATE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isObjectId = (id: string) => /^[0-9a-fA-F]{24}$/.test(id);

/** The console's rules pages: the list in priority order and the if/then editor. */
export function rulePagesRoutes(deps: RulePagesDeps): Router {
  const router = Router();
  const managers = requireUser(['admin', 'manager']);
  const wsOf = (req: Request) => new Types.ObjectId(req.user!.workspaceId);
  const timezoneOf = async (req: Request) =>
    (await deps.workspaces.getWorkspace(wsOf(req))).timezone;

  router.get('/app/rules', managers, async (req, res) => {
    const t = pageT(req) as T;
    const [rules, timeZone] = await Promise.all([deps.rules.list(wsOf(req)), timezoneOf(req)]);
    const done = req.query.done;
    renderAppPage(req, res, views.list, {
      title: t('rules.title'),
      styles: ['rules.css'],
      timeZone,
      notice: typeof done === 'string' && NOTICES.has(done) ? t(`rules.notice.${done}`) : null,
      rules: rules.map((rule, index) => ({
        ...rule,
        position: index,
        rank: index + 1,
        first: index === 0,
        last: index === rules.length - 1,
        when: describeRuleCondition(t, rule.conditions),
        then: rule.actions.length
          ? rule.actions.map((a) => describeAction(t, a)).join(' · ')
          : t('rules.list.noActions'),
      })),
    });
  });

  const renderPage = async (
    req: Request,
    res: Response,
    state: {
      form: RuleForm;
      id?: string;
      errors?: Map<string, string>;
      formError?: string;
      dryRun?: ReturnType<typeof dryRunView>;
      createKey?: string;
    },
    status = 200,
  ) => {
    const t = pageT(req) as T;
    const [attributes, people, timeZone] = await Promise.all([
      deps.rules.attributeNames(wsOf(req)),
      deps.users.list(wsOf(req), { active: true }),
      timezoneOf(req),
    ]);
    const editing = state.id !== undefined;
    renderAppPage(
      req,
      res,
      views.form,
      {
        title: editing ? t('rules.edit.title', { name: state.form.name }) : t('rules.new.title'),
        heading: editing ? t('rules.edit.heading') : t('rules.new.title'),
        styles: ['rules.css'],
        timeZone,
        action: editing ? `/app/rules/${state.id}` : '/app/rules/new',
        formError: state.formError,
        createKey: editing ? null : (state.createKey ?? randomUUID()),
        textHint: t('rules.actions.textHint', { example: '{{rewardCode}}' }),
        hasErrors: (state.errors?.size ?? 0) > 0 || !!state.formError,
        dryRun: state.dryRun,
        ...ruleFormModel({
          t,
          form: state.form,
          errors: state.errors ?? new Map(),
          fieldGroups: ruleFieldChoices(t, attributes),
          people: people.map((p) => ({ email: p.email, name: p.name })),
          editing,
        }),
      },
      status,
    );
  };

  router.get('/app/rules/new', managers, async (req, res) => {
    const blank: RuleForm = {
      name: '',
      active: true,
      stop: false,
      conditions: { ...conditionToForm(null), children: [emptyPredicate()] },
      actions: [],
    };
    await renderPage(req, res, { form: blank });
  });

  router.get('/app/rules/:id', managers, async (req, res) => {
    const id = String(req.params.id);
    if (!isObjectId(id)) throw AppError.notFound('Rule not found.');
    const rule = await deps.rules.get(wsOf(req), id);
    await renderPage(req, res, { form: ruleToForm(rule), id });
  });

  /** The schema's problems, in the page's language, keyed by where they show on the form. */
  const errorsOf = (req: Request, problems: FieldProblem[], form: RuleForm) => {
    const t = pageT(req);
    const locale = requestLocale(req);
    const errors = new Map<string, string>();
    for (const problem of problems) {
      const key = ruleErrorKey(problem.path);
      if (errors.has(key)) continue;
      const control = key.split(':')[1] ?? key;
      const op = valueOp(form, key);
      const specific = op ? `rules.errors.value_${op}` : null;
      const message =
        specific && hasKey(locale, specific)
          ? t(specific)
          : hasKey(locale, `rules.errors.${control}`)
            ? t(`rules.errors.${control}`)
            : problem.message;
      errors.set(key, message);
    }
    return errors;
  };

  const submit = async (req: Request, res: Response, id?: string) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const posted = typeof body.createKey === 'string' ? body.createKey : '';
    const createKey = id || !CREATE_KEY.test(posted) ? undefined : posted;
    const renderForm = (
      rq: Request,
      rs: Response,
      state: Parameters<typeof renderPage>[2],
      status?: number,
    ) => renderPage(rq, rs, { ...state, createKey }, status);
    let form = parseRuleForm(body);
    const button = body.do;
    const builderEdit = parseBuilderEdit(button);
    if (builderEdit) {
      form = { ...form, conditions: applyBuilderEdit(form.conditions, builderEdit) };
      return renderForm(req, res, { form, id });
    }
    const actionEdit = parseActionEdit(button);
    if (actionEdit) {
      form = { ...form, actions: applyActionEdit(form.actions, actionEdit) };
      return renderForm(req, res, { form, id });
    }
    const workspaceId = wsOf(req);
    const raw = ruleFormInput(form);
    if (id) {
      raw.actions = await deps.rules.keepWebhookSecrets(
        workspaceId,
        id,
        raw.actions as { type?: unknown; webhook?: { url?: unknown; secret?: unknown } }[],
      );
    }
    const existing = id ? null : await deps.rules.list(workspaceId);
    const parsed = ruleInput.safeParse({
      ...raw,
      priority: existing ? priorityAfter(existing) : 100,
    });
    if (!parsed.success) {
      return renderForm(
        req,
        res,
        { form, id, errors: errorsOf(req, zodProblems(parsed.error), form) },
        400,
      );
    }
    const t = pageT(req) as T;
    try {
      if (button === 'try') {
        const result = await deps.rules.dryRunRecent(
          workspaceId,
          { ...parsed.data, ...(id ? { id } : {}) },
          DRY_RUN_SIZE,
        );
        return await renderForm(req, res, { form, id, dryRun: dryRunView(t, result) });
      }
      if (id) {
        const { priority: _kept, ...patch } = parsed.data as RuleData;
        await deps.rules.update(workspaceId, id, patch);
        return res.redirect(303, '/app/rules?done=saved');
      }
      await deps.rules.create(workspaceId, parsed.data, false, createKey);
      return res.redirect(303, '/app/rules?done=created');
    } catch (err) {
      // The service's own checks (a webhook to a private address) show like the schema's.
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const errors = errorsOf(req, err.errors ?? [], form);
      return renderForm(
        req,
        res,
        { form, id, errors, formError: errors.size ? undefined : (err.detail ?? err.title) },
        400,
      );
    }
  };

  router.post('/app/rules/new', managers, form, (req, res) => submit(req, res));

  router.post('/app/rules/:id', managers, form, async (req, res) => {
    const id = String(req.params.id);
    if (!isObjectId(id)) throw AppError.notFound('Rule not found.');
    await deps.rules.get(wsOf(req), id);
    await submit(req, res, id);
  });

  router.post('/app/rules/:id/move', managers, form, async (req, res) => {
    const id = String(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const direction = body.direction === 'up' ? 'up' : body.direction === 'down' ? 'down' : null;
    const position = Number(body.position);
    // Another workspace's rule is not found, whatever the body says.
    if (!isObjectId(id)) throw AppError.notFound('Rule not found.');
    await deps.rules.get(wsOf(req), id);
    if (!direction) throw AppError.badRequest('Choose up or down.');
    await deps.rules.move(
      wsOf(req),
      id,
      direction,
      Number.isInteger(position) && position >= 0 ? position : undefined,
    );
    res.redirect(303, `/app/rules?done=moved#rule-${id}`);
  });

  router.post('/app/rules/:id/active', managers, form, async (req, res) => {
    const id = String(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!isObjectId(id)) throw AppError.notFound('Rule not found.');
    await deps.rules.get(wsOf(req), id);
    if (body.active !== 'true' && body.active !== 'false') {
      throw AppError.badRequest('Say whether the rule is active.');
    }
    const active = body.active === 'true';
    await deps.rules.update(wsOf(req), id, { active });
    res.redirect(303, `/app/rules?done=${active ? 'activated' : 'deactivated'}#rule-${id}`);
  });

  return router;
}

/** The operator of the condition row a "value" problem belongs to, for an op-specific text. */
function valueOp(form: RuleForm, key: string): string | null {
  const match = /^conditions\/([\d.]*):value$/.exec(key);
  if (!match) return null;
  let node: FormNode = form.conditions;
  for (const index of match[1] ? match[1].split('.').map(Number) : []) {
    if (node.kind !== 'group') return null;
    const child: FormNode | undefined = node.children[index];
    if (!child) return null;
    node = child;
  }
  return node.kind === 'predicate' ? node.op : null;
}
