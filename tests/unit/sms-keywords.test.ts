import { classifyInboundSms, type InboundSmsKind } from '../../src/channels/sms-keywords';

describe('classifyInboundSms', () => {
  it.each<[string, InboundSmsKind]>([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    ['  Stop \n', 'opt_out'],
    ['Stop.', 'opt_out'],
    ['STOP!', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['unsubscribe', 'opt_out'],
    ['Cancel', 'opt_out'],
    ['END', 'opt_out'],
    ['quit', 'opt_out'],
    ['ARRET', 'opt_out'],
    ['ARRÊT', 'opt_out'],
    ['arrêt', 'opt_out'],
    ['START', 'opt_in'],
    ['start', 'opt_in'],
    ['UNSTOP', 'opt_in'],
    ['HELP', 'help'],
    ['help', 'help'],
    ['INFO', 'help'],
    ['aide', 'help'],
    ['YES', 'other'],
    ['oui', 'other'],
    ['9', 'other'],
    ['10 super service', 'other'],
    ['stop calling me', 'other'],
    ['please stop', 'other'],
    ['STOP SMS', 'other'],
    ['S T O P', 'other'],
    ['', 'other'],
    ['   ', 'other'],
    ['constructor', 'other'],
    ['__proto__', 'other'],
  ])('when the body is %p, then it is %p', (body, kind) => {
    expect(classifyInboundSms(body)).toBe(kind);
  });
});
