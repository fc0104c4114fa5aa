import { ruleInput, type RuleAction } from '../../src/rules/rules.schema';
import {
  actionInput,
  actionToForm,
  applyActionEdit,
  parseActionEdit,
  parseRuleForm,
  ruleErrorKey,
  ruleFormInput,
} from '../../src/rules/rule-form';
import { moveRule, priorityAfter } from '../../src/rules/rule-order';

describe('rule form', () => {
  it('when a form with every kind of action is posted, then the API schema accepts what it stands for', () => {
    const form = parseRuleForm({
      name: 'All kinds',
      active: 'on',
      'conditions[0][field]': 'score',
      'conditions[0][op]': 'gte',
      'conditions[0][value]': '9',
      'actions[0][kind]': 'task',
      'actions[0][strategy]': 'user',
      'actions[0][user]': 'a@example.com',
      'actions[0][priority]': 'urgent',
      'actions[0][slaHours]': '4.5',
      'actions[1][kind]': 'email',
      'actions[1][users]': 'x@example.com, y@example.com',
      'actions[1][roles]': ['manager', 'admin'],
      'actions[1][teamManagers]': 'on',
      'actions[2][kind]': 'webhook',
      'actions[2][url]': 'https://hooks.example.com/a',
      'actions[2][secret]': 'sixteen-chars-ok!',
      'actions[3][kind]': 'message',
      'actions[3][channel]': 'sms',
      'actions[3][textEn]': 'Thanks!',
      'actions[3][textFr]': 'Merci !',
      'actions[4][kind]': 'reward',
      'actions[4][pool]': 'coffee',
      'actions[4][textEn]': 'Your code: {{rewardCode}}',
      'actions[4][textFr]': 'Your code: {{rewardCode}}',
      'actions[5][kind]': 'tag',
      'actions[5][tags]': 'promoter',
      'actions[6][kind]': 'nonsense',
    });
    expect(form.actions.map((a) => a.kind)).toEqual([
      'task',
      'email',
      'webhook',
      'message',
      'reward',
      'tag',
    ]);
    const parsed = ruleInput.parse({ ...ruleFormInput(form), priority: 50 });
    expect(parsed.stop).toBe(false);
    expect(parsed.actions).toEqual([
      {
        type: 'create_task',
        assign: { strategy: 'user', user: 'a@example.com' },
        priority: 'urgent',
        sla: { businessHours: 4.5 },
      },
      {
        type: 'notify',
        email: {
          users: ['x@example.com', 'y@example.com'],
          roles: ['manager', 'admin'],
          teamManagers: true,
        },
      },
      {
        type: 'notify',
        webhook: { url: 'https://hooks.example.com/a', secret: 'sixteen-chars-ok!' },
      },
      { type: 'send_message', channel: 'sms', text: { en: 'Thanks!', fr: 'Merci !' } },
      { type: 'send_message', text: 'Your code: {{rewardCode}}', rewardPool: 'coffee' },
      { type: 'tag', tags: ['promoter'] },
    ]);
  });

  it('when stored actions go to the form and back, then they are the same (a webhook secret is left blank)', () => {
    const actions: RuleAction[] = [
      {
        type: 'create_task',
        assign: { strategy: 'team_queue', team: 'Sales' },
        priority: 'high',
        sla: { businessHours: 24 },
        title: 'Call back',
      },
      {
        type: 'notify',
        email: { users: [], roles: ['manager'], teamManagers: false, subject: 'Hi' },
      },
      { type: 'send_message', text: { en: 'Hello', fr: 'Bonjour' }, subject: 'Sub' },
      { type: 'tag', tags: ['a', 'b'] },
    ];
    expect(actions.map((a) => actionInput(actionToForm(a)))).toEqual(actions);
    const hook = actionToForm({
      type: 'notify',
      webhook: { url: 'https://x.example', secret: 's'.repeat(20) },
    });
    expect(hook.values).toEqual({ url: 'https://x.example', secret: '' });
  });

  it('when a message has texts in other languages than en and fr, then the form keeps them', () => {
    const stored = {
      type: 'send_message',
      text: { en: 'Thanks', es: 'Gracias', 'pt-BR': 'Obrigado' },
    } as unknown as RuleAction;
    const form = actionToForm(stored);
    expect(form.values).toMatchObject({
      textEn: 'Thanks',
      'text:es': 'Gracias',
      'text:pt-BR': 'Obrigado',
    });
    const reposted = parseRuleForm({
      'actions[0][kind]': 'message',
      ...Object.fromEntries(Object.entries(form.values).map(([k, v]) => [`actions[0][${k}]`, v])),
    });
    expect(actionInput(reposted.actions[0]!)).toEqual(stored);
  });

  it('when action buttons are pressed, then an action is added (up to ten) or removed', () => {
    const one = applyActionEdit([], parseActionEdit('add-action:tag')!);
    expect(one).toHaveLength(1);
    expect(applyActionEdit(one, parseActionEdit('remove-action:0')!)).toEqual([]);
    expect(parseActionEdit('add-action:rocket')).toBeNull();
    let many = one;
    for (let i = 0; i < 12; i++) many = applyActionEdit(many, { add: 'task' });
    expect(many).toHaveLength(10);
  });

  it('when the API schema names a problem, then the form knows which control it belongs to', () => {
    expect(ruleErrorKey('name')).toBe('name');
    expect(ruleErrorKey('conditions.all.1.any.0.value')).toBe('conditions/1.0:value');
    expect(ruleErrorKey('actions.0.assign.user')).toBe('actions/0:user');
    expect(ruleErrorKey('actions.2.webhook.url')).toBe('actions/2:url');
    expect(ruleErrorKey('actions.3.text.fr')).toBe('actions/3:textFr');
    expect(ruleErrorKey('actions.3.text')).toBe('actions/3:textEn');
    expect(ruleErrorKey('actions.1')).toBe('actions/1:action');
    expect(ruleErrorKey('elsewhere')).toBe('form');
  });
});

describe('rule order', () => {
  const list = [
    { id: 'a', priority: 10 },
    { id: 'b', priority: 10 },
    { id: 'c', priority: 30 },
  ];

  it('when a rule moves up, then it swaps with the one above and the list is numbered anew', () => {
    expect(moveRule(list, 'c', 'up')).toEqual([
      { id: 'c', priority: 20 },
      { id: 'b', priority: 30 },
    ]);
  });

  it('when the rule is at an end or not where the form saw it, then nothing moves', () => {
    expect(moveRule(list, 'a', 'up')).toEqual([]);
    expect(moveRule(list, 'c', 'down')).toEqual([]);
    expect(moveRule(list, 'b', 'down', 0)).toEqual([]);
    expect(moveRule(list, 'zzz', 'down')).toEqual([]);
  });

  it('when a rule is added, then it goes after the last one', () => {
    expect(priorityAfter(list)).toBe(40);
    expect(priorityAfter([])).toBe(10);
  });
});
