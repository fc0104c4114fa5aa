import { countSmsSegments } from '../../src/channels/sms-segments';
import { classifyInboundSms } from '../../src/channels/sms-keywords';
import { helpText } from '../../src/invitations/sms-help-text';

describe('the HELP answer', () => {
  it.each([
    ['HELP', 'Customer satisfaction surveys'],
    ['aide', 'Enquetes de satisfaction'],
    ['Ayuda', 'Encuestas de satisfaccion'],
    ['HILFE', 'Zufriedenheitsumfragen'],
    ['aiuto', 'Sondaggi di soddisfazione'],
    ['Ajuda', 'Inqueritos de satisfacao'],
    ['hulp', 'Tevredenheidsonderzoeken'],
    ['POMOC', 'Ankiety satysfakcji'],
    ['مساعدة', 'استبيانات رضا'],
    ['INFO', 'Customer satisfaction surveys'],
  ])(
    'when the customer writes %p, then it answers in that language (%s…), one SMS, naming STOP',
    (body, start) => {
      expect(classifyInboundSms(body)).toBe('help');
      const text = helpText(body);
      expect(text.startsWith(start)).toBe(true);
      expect(text).toContain('STOP');
      expect(countSmsSegments(text).segments).toBe(1);
      if (body !== 'مساعدة') expect(countSmsSegments(text).encoding).toBe('GSM-7');
    },
  );
});
