import type { CommandStartedEvent } from 'mongodb';
import { startTestContext, type TestContext } from './harness';

/**
 * A test context whose MongoDB client reports every command it sends (the driver's command
 * monitoring), and a recorder of the ones `pick` keeps while a named step runs.
 */
export async function startRecordingContext<T extends object>(
  label: string,
  uri: string,
  env: Record<string, string>,
  pick: (event: CommandStartedEvent) => T | null,
) {
  const monitored = `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;
  const ctx: TestContext = await startTestContext(label, { ...env, MONGODB_URI: monitored });
  const recorded: (T & { step: string })[] = [];
  let step = '';
  ctx.container.mongo.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (!step) return;
    const kept = pick(event);
    if (kept) recorded.push({ ...kept, step });
  });
  const during = async (name: string, fn: () => Promise<unknown>) => {
    step = name;
    try {
      await fn();
    } finally {
      step = '';
    }
  };
  return { ctx, recorded, during };
}
