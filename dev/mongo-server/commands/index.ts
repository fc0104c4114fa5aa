import { CommandError, errorReply, notSupported, type Doc } from '../errors';
import { checkCommandFields } from '../options';
import { checkReadPreference } from '../read-preference';
import { adminCommands } from './admin';
import { aggregateCommands } from './aggregate';
import type { CommandContext } from './context';
import { explainCommands } from './explain';
import { findCommands } from './find';
import { findAndModifyCommands } from './find-and-modify';
import { handshakeCommands } from './handshake';
import { indexCommands } from './indexes';
import { writeCommands } from './writes';

export type { CommandContext } from './context';

// Keys are lower case: drivers send both `isMaster` and `ismaster`, `buildInfo` and `buildinfo`.
const handlers = {
  ...handshakeCommands,
  ...adminCommands,
  ...indexCommands,
  ...writeCommands,
  ...findCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...explainCommands,
};

export function runCommand(cmd: Doc, ctx: CommandContext): Doc {
  const name = Object.keys(cmd)[0] ?? '';
  try {
    const handler = handlers[name.toLowerCase() as keyof typeof handlers];
    if (!handler) throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    if (cmd.startTransaction)
      throw notSupported('Transactions are not supported by the in-memory test server');
    checkReadPreference(cmd);
    checkCommandFields(cmd);
    return handler(cmd, ctx);
  } catch (err) {
    return errorReply(err);
  }
}
