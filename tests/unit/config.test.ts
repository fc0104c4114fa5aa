import { ConfigError, deployedEnv, loadConfig } from '../../config';
import { DEV_SECRETS_KEY, holdsDevKey } from '../../src/shared/secrets';

describe('loadConfig', () => {
  it('when nothing is set, then local defaults apply and PUBLIC_URL follows PORT', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/retour');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.TWILIO_ACCOUNT_SID).toBeUndefined();
  });

  it('when variables are set, then they override the defaults', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://feedback.example.com/',
      LOG_LEVEL: 'debug',
      TWILIO_API_URL: 'http://127.0.0.1:9999',
      RETOUR_DEMO_API_KEY: 'k',
    });
    expect(config.PORT).toBe(8080);
    expect(config.PUBLIC_URL).toBe('https://feedback.example.com');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.TWILIO_API_URL).toBe('http://127.0.0.1:9999');
    expect(config.RETOUR_DEMO_API_KEY).toBe('k');
  });

  it('when an empty string is given, then it counts as unset', () => {
    expect(loadConfig({ PORT: '', TWILIO_FROM: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['MONGODB_URI', 'postgres://x'],
    ['REDIS_URL', 'not a url'],
    ['SMTP_URL', 'http://mail'],
    ['SESSION_SECRET', 'short'],
    ['TWILIO_API_URL', 'ftp://twilio'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/99'],
    ['TRUST_PROXY', 'loopback, example.com'],
  ])('when %s is %p, then start-up fails naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('when MONGODB_REPORTS_READ_PREFERENCE is set, then it takes a read preference mode only (default primary)', () => {
    expect(loadConfig({}).MONGODB_REPORTS_READ_PREFERENCE).toBe('primary');
    expect(
      loadConfig({ MONGODB_REPORTS_READ_PREFERENCE: 'secondaryPreferred' })
        .MONGODB_REPORTS_READ_PREFERENCE,
    ).toBe('secondaryPreferred');
    expect(() => loadConfig({ MONGODB_REPORTS_READ_PREFERENCE: 'secondaryOnly' })).toThrow(
      /MONGODB_REPORTS_READ_PREFERENCE: Invalid option: expected one of "primary"\|"primaryPreferred"\|"secondary"\|"secondaryPreferred"\|"nearest"/,
    );
  });

  it('when production runs with the development session secret, then start-up fails', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: must be set/);
    const prod = {
      SESSION_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://feedback.example.com',
      SECRETS_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    };
    expect(loadConfig({ NODE_ENV: 'production', ...prod }).NODE_ENV).toBe('production');
  });

  it('when production runs without PUBLIC_URL, then start-up fails naming it', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(env)).toThrow(/PUBLIC_URL: must be set in production/);
  });

  it('when production runs without SECRETS_KEY or with the development key, then start-up fails naming it', () => {
    const env = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://feedback.example.com',
    };
    expect(() => loadConfig(env)).toThrow(/SECRETS_KEY: must be set in production/);
    expect(() => loadConfig({ ...env, SECRETS_KEY: DEV_SECRETS_KEY })).toThrow(/SECRETS_KEY:/);
    expect(() => loadConfig({ ...env, SECRETS_KEY: 'k1:short' })).toThrow(/SECRETS_KEY: key "k1"/);
  });

  it('when development or a test runs without SECRETS_KEY, then the development key is used', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const ring = loadConfig({ NODE_ENV }).SECRETS_KEY;
      expect(ring.currentId).toBe('dev');
      expect(holdsDevKey(ring)).toBe(true);
    }
  });

  it('when SECRETS_KEY lists two keys, then the first is current and both are kept', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('base64');
    const ring = loadConfig({ SECRETS_KEY: `new:${a},old:${b}` }).SECRETS_KEY;
    expect(ring.currentId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
  });

  it('when a deployed entry point starts with NODE_ENV unset, then it is production and needs real secrets', () => {
    expect(deployedEnv({}).NODE_ENV).toBe('production');
    expect(deployedEnv({ NODE_ENV: 'test' }).NODE_ENV).toBe('test');
    expect(() => loadConfig(deployedEnv({}))).toThrow(/SESSION_SECRET: must be set/);
    expect(() => loadConfig(deployedEnv({ SESSION_SECRET: 'short' }))).toThrow(/SESSION_SECRET/);
  });

  it.each([
    ['loopback', ['loopback']],
    ['1', 1],
    ['10.0.0.0/8, 192.168.1.7,uniquelocal', ['10.0.0.0/8', '192.168.1.7', 'uniquelocal']],
    ['fd00::/8', ['fd00::/8']],
  ])('when TRUST_PROXY is %p, then Express gets %p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });
});
