import { triggerInput } from '../../src/triggers/triggers.schema';
import {
  delayIso,
  delayParts,
  parseTriggerForm,
  triggerFormInput,
  triggerToForm,
} from '../../src/triggers/trigger-form';

describe('trigger form', () => {
  it('when a delay is typed, then it becomes the ISO duration the API reads', () => {
    expect(delayIso('30', 'minutes')).toBe('PT30M');
    expect(delayIso('2', 'hours')).toBe('PT2H');
    expect(delayIso('1', 'days')).toBe('P1D');
    expect(delayIso('', 'days')).toBe('PT0S');
    expect(delayIso('-1', 'days')).toBe('invalid');
    expect(delayIso('1.5', 'hours')).toBe('invalid');
  });

  it('when a stored delay is shown, then the largest exact unit is used', () => {
    expect(delayParts(0)).toEqual({ amount: '0', unit: 'minutes' });
    expect(delayParts(90 * 60_000)).toEqual({ amount: '90', unit: 'minutes' });
    expect(delayParts(3 * 3600_000)).toEqual({ amount: '3', unit: 'hours' });
    expect(delayParts(2 * 86_400_000)).toEqual({ amount: '2', unit: 'days' });
  });

  it('when channel slots are posted with gaps, then the chosen ones keep their order', () => {
    const form = parseTriggerForm({
      name: 'T',
      eventType: 'ticket.solved',
      surveyId: 'a'.repeat(24),
      'channels[0]': '',
      'channels[1]': 'email',
      'channels[3]': 'sms',
      delayAmount: '15',
      delayUnit: 'minutes',
      samplingRate: '',
    });
    const parsed = triggerInput.parse(triggerFormInput(form));
    expect(parsed).toMatchObject({
      channels: ['email', 'sms'],
      delay: 15 * 60_000,
      samplingRate: 100,
      active: false,
      conditions: null,
    });
  });

  it('when a stored trigger goes to the form and back, then the API input is the same', () => {
    const stored = {
      name: 'T',
      eventType: 'order.delivered',
      surveyId: 'b'.repeat(24),
      channels: ['whatsapp', 'sms'],
      delayMs: 86_400_000,
      samplingRate: 25,
      active: true,
      conditions: { all: [{ field: 'team', op: 'eq' as const, value: 'Support' }] },
    };
    const parsed = triggerInput.parse(triggerFormInput(triggerToForm(stored)));
    expect(parsed).toEqual({
      name: 'T',
      eventType: 'order.delivered',
      surveyId: 'b'.repeat(24),
      channels: ['whatsapp', 'sms'],
      delay: 86_400_000,
      samplingRate: 25,
      active: true,
      conditions: stored.conditions,
    });
  });
});
