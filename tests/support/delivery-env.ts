import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';
import type { BuildOptions } from '../../src/composition-root';
import { startTestContext, type TestContext } from './harness';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const TEST_PUBLIC_URL = 'http://retour.test';
export const TWILIO_FROM = '+33700000001';

export interface DeliveryFakes {
  twilio: FakeTwilio;
  smtp: SmtpSink;
  /** Environment that points Retour's channels at these fakes. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A local fake Twilio and SMTP sink, and the settings that route Retour's sends to them. */
export async function startDeliveryFakes(
  extra: Record<string, string> = {},
): Promise<DeliveryFakes> {
  const twilio = await startFakeTwilio();
  const smtp = await startSmtpSink();
  return {
    twilio,
    smtp,
    env: {
      PUBLIC_URL: TEST_PUBLIC_URL,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_URL: twilio.url,
      TWILIO_FROM,
      SMTP_URL: smtp.url,
      ...extra,
    },
    async close() {
      await Promise.all([twilio.close(), smtp.close()]);
    },
  };
}

export interface DeliveryApp {
  fakes: DeliveryFakes;
  ctx: TestContext;
}

/**
 * For a component test file: fake Twilio and SMTP sink, the app wired to them and, when asked,
 * the real BullMQ workers; started before the file's tests and closed after them.
 */
export function useDeliveryApp(
  label: string,
  options: { workers?: boolean; env?: Record<string, string>; build?: BuildOptions } = {},
): DeliveryApp {
  const app = {} as DeliveryApp;
  let workers: RunningWorkers | undefined;
  beforeAll(async () => {
    app.fakes = await startDeliveryFakes(options.env);
    app.ctx = await startTestContext(label, app.fakes.env, options.build);
    if (options.workers)
      workers = startWorkers(app.ctx.container, buildProcessors(app.ctx.container));
  });
  afterAll(async () => {
    await workers?.close();
    await app.ctx?.close();
    await app.fakes?.close();
  });
  return app;
}
