import { ConfigError } from '../../config';

/** A refusal to start whose message already says what the operator should do: no stack. */
export class StartRefused extends Error {}

/** Start-up failures end the process with a message a person can act on. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof StartRefused) {
      console.error(err.message);
    } else {
      console.error('Retour failed to start:', err instanceof Error ? err.message : err);
      if (err instanceof Error && err.stack) console.error(err.stack);
    }
    process.exit(1);
  });
}
