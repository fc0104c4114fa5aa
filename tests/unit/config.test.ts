import { ConfigError, deployedEnv, loadConfig } from '../../config';

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

  it('when production runs with the development session secret, then start-up fails', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: must be set/);
    const prod = { SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://feedback.example.com' };
    expect(loadConfig({ NODE_ENV: 'production', ...prod }).NODE_ENV).toBe('production');
  });

  it('when production runs without PUBLIC_URL, then start-up fails naming it', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(env)).toThrow(/PUBLIC_URL: must be set in production/);
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
