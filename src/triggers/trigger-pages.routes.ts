import express, { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import {
  applyBuilderEdit,
  conditionBuilderView,
  describeCondition,
  emptyGroup,
  OPS,
  parseBuilderEdit,
  type FieldChoiceGroup,
} from '../conditions';
import {
  compileAppView,
  hasKey,
  pageT,
  registerAppPartial,
  renderAppPage,
  requestLocale,
  type Translate,
} from '../pages';
import { CHANNELS } from '../shared/channel-names';
import { AppError, type FieldProblem } from '../shared/errors';
import { zodProblems } from '../shared/validation';
import type { SurveysService } from '../surveys';
import { requireUser, type WorkspacesService } from '../workspaces';
import {
  DELAY_UNITS,
  delayParts,
  parseTriggerForm,
  TRIGGER_FIELDS,
  triggerErrorKey,
  triggerFormInput,
  triggerToForm,
  type TriggerForm,
} from './trigger-form';
import { triggerInput } from './triggers.schema';
import type { TriggersService } from './triggers.service';

export interface TriggerPagesDeps {
  triggers: Pick<TriggersService, 'list' | 'get' | 'create' | 'update'>;
  surveys: Pick<SurveysService, 'list'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  /** Event types and attribute names of the workspace's recent interactions (bounded). */
  vocabulary: (workspaceId: Types.ObjectId) => Promise<{ types: string[]; attributes: string[] }>;
}

registerAppPartial('condition-group', 'app/condition-group.hbs');
const views = {
  list: compileAppView('app/triggers.hbs'),
  form: compileAppView('app/trigger-form.hbs'),
};

const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 400 });
const NOTICES = new Set(['created', 'saved', 'activated', 'deactivated']);
const isObjectId = (id: string) => /^[0-9a-fA-F]{24}$/.test(id);

function fieldLabel(t: Translate, field: string): string {
  const attribute = /^attributes\.(.+)$/.exec(field);
  if (attribute) return t('triggers.fields.attribute', { name: attribute[1] });
  const key = `triggers.fields.${field.replace('.', '_')}`;
  const label = t(key);
  return label === key ? field : label;
}

function fieldChoices(t: Translate, attributes: string[]): FieldChoiceGroup[] {
  const groups: FieldChoiceGroup[] = [
    {
      label: t('triggers.fieldGroups.event'),
      fields: TRIGGER_FIELDS.map((value) => ({ value, label: fieldLabel(t, value) })),
    },
  ];
  if (attributes.length) {
    groups.push({
      label: t('triggers.fieldGroups.attributes'),
      fields: attributes.map((n) => ({
        value: `attributes.${n}`,
        label: fieldLabel(t, `attributes.${n}`),
      })),
    });
  }
  return groups;
}

/** "2 h", "3 days": a delay in the largest whole unit. */
function delayText(t: Translate, ms: number): string {
  if (ms === 0) return t('triggers.list.noDelay');
  const { amount, unit } = delayParts(ms);
  return `${amount} ${t(`triggers.form.units.${unit}`)}`;
}

/** The console's trigger pages: which events send which survey, how and when. */
export function triggerPagesRoutes(deps: TriggerPagesDeps): Router {
  const router = Router();
  const managers = requireUser(['admin', 'manager']);
  const wsOf = (req: Request) => new Types.ObjectId(req.user!.workspaceId);

  router.get('/app/triggers', managers, async (req, res) => {
    const t = pageT(req);
    const [triggers, surveys] = await Promise.all([
      deps.triggers.list(wsOf(req)),
      deps.surveys.list(wsOf(req)),
    ]);
    const surveyName = new Map(surveys.map((s) => [s.id, s.name]));
    const done = req.query.done;
    renderAppPage(req, res, views.list, {
      title: t('triggers.title'),
      styles: ['rules.css'],
      notice: typeof done === 'string' && NOTICES.has(done) ? t(`triggers.notice.${done}`) : null,
      triggers: triggers.map((trigger) => ({
        ...trigger,
        survey: surveyName.get(trigger.surveyId) ?? t('triggers.list.unknownSurvey'),
        channelList: trigger.channels.map((c) => t(`rules.channels.${c}`)).join(' → '),
        delayText: delayText(t, trigger.delayMs),
        when: describeCondition(trigger.conditions, {
          field: (f) => fieldLabel(t, f),
          op: (op) => t(`rules.ops.${op}`),
          and: t('rules.list.allJoin'),
          or: t('rules.list.anyJoin'),
          always: t('triggers.list.always'),
          never: t('rules.list.never'),
        }),
      })),
    });
  });

  const renderForm = async (
    req: Request,
    res: Response,
    state: { form: TriggerForm; id?: string; errors?: Map<string, string>; formError?: string },
    status = 200,
  ) => {
    const t = pageT(req);
    const [surveys, vocabulary] = await Promise.all([
      deps.surveys.list(wsOf(req)),
      deps.vocabulary(wsOf(req)),
    ]);
    const { form: f } = state;
    const errors = state.errors ?? new Map<string, string>();
    const editing = state.id !== undefined;
    const conditionErrors = new Map(
      [...errors].flatMap(([key, message]) =>
        key.startsWith('conditions/') ? [[key.slice('conditions/'.length), message]] : [],
      ),
    );
    renderAppPage(
      req,
      res,
      views.form,
      {
        title: editing ? t('triggers.edit.title', { name: f.name }) : t('triggers.new.title'),
        heading: editing ? t('triggers.edit.heading') : t('triggers.new.title'),
        styles: ['rules.css'],
        action: editing ? `/app/triggers/${state.id}` : '/app/triggers/new',
        form: f,
        errors: Object.fromEntries(errors),
        hasErrors: errors.size > 0 || !!state.formError,
        formError: state.formError,
        eventTypes: vocabulary.types,
        surveys: [
          { value: '', label: t('triggers.form.noSurvey'), selected: f.surveyId === '' },
          ...surveys.map((s) => ({
            value: s.id,
            label: `${s.name} (${s.type.toUpperCase()})`,
            selected: s.id === f.surveyId,
          })),
        ],
        slots: f.channels.map((chosen, i) => ({
          index: i,
          number: i + 1,
          options: [
            { value: '', label: t('triggers.form.none'), selected: chosen === '' },
            ...CHANNELS.map((c) => ({
              value: c,
              label: t(`rules.channels.${c}`),
              selected: c === chosen,
            })),
          ],
        })),
        units: DELAY_UNITS.map((u) => ({
          value: u,
          label: t(`triggers.form.units.${u}`),
          selected: u === f.delayUnit,
        })),
        conditions: conditionBuilderView(f.conditions, {
          prefix: 'conditions',
          fieldGroups: fieldChoices(t, vocabulary.attributes),
          opLabels: Object.fromEntries(OPS.map((op) => [op, t(`rules.ops.${op}`)])),
          errors: conditionErrors,
          otherLabel: () => t('rules.fieldGroups.other'),
        }),
      },
      status,
    );
  };

  router.get('/app/triggers/new', managers, async (req, res) => {
    const blank: TriggerForm = {
      name: '',
      eventType: '',
      surveyId: '',
      channels: CHANNELS.map(() => ''),
      delayAmount: '0',
      delayUnit: 'minutes',
      samplingRate: '100',
      active: true,
      conditions: emptyGroup(),
    };
    await renderForm(req, res, { form: blank });
  });

  router.get('/app/triggers/:id', managers, async (req, res) => {
    const id = String(req.params.id);
    if (!isObjectId(id)) throw AppError.notFound('Trigger not found.');
    const trigger = await deps.triggers.get(wsOf(req), id);
    await renderForm(req, res, { form: triggerToForm(trigger), id });
  });

  const errorsOf = (req: Request, problems: FieldProblem[]) => {
    const t = pageT(req);
    const locale = requestLocale(req);
    const errors = new Map<string, string>();
    for (const problem of problems) {
      const key = triggerErrorKey(problem.path);
      if (errors.has(key)) continue;
      const control = key.startsWith('conditions/') ? (key.split(':')[1] ?? '') : key;
      const catalogue = key.startsWith('conditions/') ? 'rules' : 'triggers';
      const message = hasKey(locale, `${catalogue}.errors.${control}`)
        ? t(`${catalogue}.errors.${control}`)
        : problem.message;
      errors.set(key, message);
    }
    return errors;
  };

  const submit = async (req: Request, res: Response, id?: string) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let f = parseTriggerForm(body);
    const edit = parseBuilderEdit(body.do);
    if (edit) {
      f = { ...f, conditions: applyBuilderEdit(f.conditions, edit) };
      return renderForm(req, res, { form: f, id });
    }
    const parsed = triggerInput.safeParse(triggerFormInput(f));
    if (!parsed.success) {
      return renderForm(
        req,
        res,
        { form: f, id, errors: errorsOf(req, zodProblems(parsed.error)) },
        400,
      );
    }
    const workspaceId = wsOf(req);
    try {
      if (id) {
        await deps.triggers.update(workspaceId, id, {
          ...parsed.data,
          conditions: parsed.data.conditions ?? null,
        });
        return res.redirect(303, '/app/triggers?done=saved');
      }
      await deps.triggers.create(workspaceId, parsed.data);
      return res.redirect(303, '/app/triggers?done=created');
    } catch (err) {
      // The service checks the survey belongs to this workspace: shown like the schema's checks.
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const errors = errorsOf(req, err.errors ?? []);
      return renderForm(
        req,
        res,
        { form: f, id, errors, formError: errors.size ? undefined : (err.detail ?? err.title) },
        400,
      );
    }
  };

  router.post('/app/triggers/new', managers, form, (req, res) => submit(req, res));

  router.post('/app/triggers/:id', managers, form, async (req, res) => {
    const id = String(req.params.id);
    if (!isObjectId(id)) throw AppError.notFound('Trigger not found.');
    await deps.triggers.get(wsOf(req), id);
    await submit(req, res, id);
  });

  router.post('/app/triggers/:id/active', managers, form, async (req, res) => {
    const id = String(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!isObjectId(id)) throw AppError.notFound('Trigger not found.');
    await deps.triggers.get(wsOf(req), id);
    if (body.active !== 'true' && body.active !== 'false') {
      throw AppError.badRequest('Say whether the trigger is active.');
    }
    const active = body.active === 'true';
    await deps.triggers.update(wsOf(req), id, { active });
    res.redirect(303, `/app/triggers?done=${active ? 'activated' : 'deactivated'}#trigger-${id}`);
  });

  return router;
}
