import { loadConfig } from '../../config';
import { isOperator, parseOperatorEmails } from '../../src/queue-dashboard';
import { testEnv } from '../support/test-env';

describe('operator emails (OPERATOR_EMAILS)', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' , ', []],
    ['ops@example.com', ['ops@example.com']],
    [' Ops@Example.COM , b@x.io,ops@example.com', ['ops@example.com', 'b@x.io']],
  ])('when the setting is %j, then the operators are %j', (text, expected) => {
    expect(parseOperatorEmails(text)).toEqual(expected);
  });

  it('when an entry is not an email, then the config names the variable and the entry', () => {
    expect(parseOperatorEmails('ops@example.com, admin')).toBe('not an email address: admin');
    expect(() => loadConfig(testEnv('operators', { OPERATOR_EMAILS: 'ops; root' }))).toThrow(
      /OPERATOR_EMAILS: not an email address: ops; root/,
    );
  });

  it('when a user signs in, then only a listed email is an operator, whatever its case', () => {
    const operators = parseOperatorEmails('ops@example.com') as readonly string[];
    expect(isOperator(operators, 'OPS@example.com')).toBe(true);
    expect(isOperator(operators, 'ops@example.com.evil')).toBe(false);
    expect(isOperator([], 'ops@example.com')).toBe(false);
  });
});
