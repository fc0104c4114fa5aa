import { rebase } from '../../src/channels/twilio-http-client';

describe('rebase', () => {
  test.each([
    [
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?To=%2B33',
    ],
    [
      'http://127.0.0.1:4010/',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?To=%2B33',
    ],
    [
      'https://proxy.test/twilio',
      'https://proxy.test/twilio/2010-04-01/Accounts/AC1/Messages.json?To=%2B33',
    ],
  ])('when the base URL is %s, then only the origin (and prefix) change', (base, expected) => {
    const twilioUrl = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?To=%2B33';

    expect(rebase(twilioUrl, new URL(base))).toBe(expected);
  });
});
