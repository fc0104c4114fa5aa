import { checkOutboundUrl, isPublicAddress } from '../../src/shared/outbound';

describe('checkOutboundUrl', () => {
  it.each([
    'http://127.0.0.1:6379/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[::1]/',
    'http://[::]/',
    'http://0.0.0.0/',
    'http://0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://100.64.0.1/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://192.168.1.1/',
    'http://[::ffff:10.0.0.1]/',
    'http://[fd00::1]/',
    'http://[fc00::1]/',
    'http://224.0.0.1/',
    'http://[ff02::1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://localhost:3000/',
    'http://LOCALHOST./',
    'http://api.localhost/',
  ])('refuses %s', (url) => {
    expect(checkOutboundUrl(url, [])).toEqual({
      ok: false,
      reason: expect.stringMatching(/loopback/),
    });
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://x/', 'not a url'])(
    'refuses %s as not http(s)',
    (url) => {
      expect(checkOutboundUrl(url, [])).toEqual({
        ok: false,
        reason: 'must be an http or https URL',
      });
    },
  );

  it.each(['https://hooks.slack.com/services/x', 'http://8.8.8.8/', 'https://[2606:4700::1111]/'])(
    'accepts the public %s',
    (url) => {
      expect(checkOutboundUrl(url, [])).toMatchObject({ ok: true, allowed: false });
    },
  );

  it('accepts an internal host the operator allows, by its name', () => {
    expect(checkOutboundUrl('http://127.0.0.1:4010/hook', ['127.0.0.1'])).toMatchObject({
      ok: true,
      allowed: true,
    });
    expect(checkOutboundUrl('http://Fake-Chat.internal./x', ['fake-chat.internal'])).toMatchObject({
      ok: true,
      allowed: true,
    });
    expect(checkOutboundUrl('http://[::1]/', ['::1'])).toMatchObject({ ok: true });
    // Allowing one spelling does not allow another host.
    expect(checkOutboundUrl('http://10.0.0.1/', ['127.0.0.1']).ok).toBe(false);
  });

  it('classifies addresses with ipaddr.js, unwrapping IPv4-mapped IPv6', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('::ffff:93.184.216.34')).toBe(true);
    expect(isPublicAddress('::ffff:192.168.0.1')).toBe(false);
    expect(isPublicAddress('100.127.255.255')).toBe(false);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});
