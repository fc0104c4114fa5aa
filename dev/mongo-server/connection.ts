import type { Socket } from 'node:net';
import { runCommand } from './commands';
import type { ReplicaSetIdentity } from './commands/context';
import type { Cursors } from './cursors';
import type { Store } from './store';
import type { TieBreaker } from './ties';
import {
  completeMessageLength,
  encodeOpMsg,
  encodeOpReply,
  parseMessage,
  type Request,
} from './wire';

export interface ServerState {
  store: Store;
  cursors: Cursors;
  ties: TieBreaker;
  replicaSet?: ReplicaSetIdentity;
}

/** Reads whole wire messages off one client socket and answers each in order. */
export function serveConnection(socket: Socket, state: ServerState, connectionId: number): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (let len = completeMessageLength(pending); len > 0; len = completeMessageLength(pending)) {
      const message = pending.subarray(0, len);
      pending = pending.subarray(len);
      let answer: Buffer | null;
      try {
        answer = handle(parseMessage(message), state, connectionId);
      } catch {
        socket.destroy(); // a message we cannot parse leaves the stream out of sync
        return;
      }
      if (answer) socket.write(answer);
    }
  });
}

function handle(req: Request, state: ServerState, connectionId: number): Buffer | null {
  if (req.op === 'query') {
    const dbName = req.collection.split('.')[0] ?? 'admin';
    return encodeOpReply(
      req.requestId,
      runCommand(req.command, { ...state, connectionId, dbName }),
    );
  }
  if (req.op === 'msg') {
    const dbName = typeof req.command.$db === 'string' ? req.command.$db : 'admin';
    const reply = runCommand(req.command, { ...state, connectionId, dbName });
    return req.moreToCome ? null : encodeOpMsg(req.requestId, reply);
  }
  return encodeOpMsg(req.requestId, {
    ok: 0,
    errmsg: `unsupported opCode ${req.opCode}`,
    code: 2,
    codeName: 'BadValue',
  });
}
