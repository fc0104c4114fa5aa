import { ObjectId } from 'bson';
import { notSupported, type Doc } from '../errors';
import { MAX_BSON } from '../limits';
import type { CommandContext, Handler } from './context';

function hello(cmd: Doc, ctx: CommandContext, legacy: boolean): Doc {
  const reply: Doc = {
    helloOk: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
  // Drivers read `ismaster` from the legacy command and `isWritablePrimary` from hello.
  if (legacy) reply.ismaster = true;
  if (ctx.replicaSet)
    Object.assign(reply, replicaSetFields(ctx.replicaSet.setName, ctx.replicaSet.host));
  void cmd;
  return reply;
}

/** One election for the server's lifetime: the driver drops a primary whose electionId goes back. */
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * What a primary of a one-member replica set adds to hello. No topologyVersion, as from a
 * server before 4.4: drivers then poll hello instead of streaming it, which is not done here.
 */
function replicaSetFields(setName: string, host: string): Doc {
  return {
    setName,
    setVersion: 1,
    hosts: [host],
    primary: host,
    me: host,
    secondary: false,
    electionId: ELECTION_ID,
    lastWrite: { lastWriteDate: new Date() },
  };
}

const buildInfo: Handler = () => ({
  version: '7.0.0',
  versionArray: [7, 0, 0, 0],
  gitVersion: 'in-memory-test-server',
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON,
  storageEngines: ['in-memory-test-server'],
  ok: 1,
});

const getParameter: Handler = (cmd) => {
  const reply: Doc = { ok: 1 };
  if ('featureCompatibilityVersion' in cmd || cmd.getParameter === '*')
    reply.featureCompatibilityVersion = { version: '7.0' };
  return reply;
};

const transactionsUnsupported: Handler = () => {
  throw notSupported('Transactions are not supported by the in-memory test server');
};

export const handshakeCommands: Record<string, Handler> = {
  hello: (cmd, ctx) => hello(cmd, ctx, false),
  ismaster: (cmd, ctx) => hello(cmd, ctx, true),
  ping: () => ({ ok: 1 }),
  buildinfo: buildInfo,
  getparameter: getParameter,
  getlog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getcmdlineopts: () => ({ argv: [], parsed: {}, ok: 1 }),
  connectionstatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
  endsessions: () => ({ ok: 1 }),
  killallsessions: () => ({ ok: 1 }),
  refreshsessions: () => ({ ok: 1 }),
  committransaction: transactionsUnsupported,
  aborttransaction: transactionsUnsupported,
};
