import { deserialize, serialize } from 'bson';
import type { Doc } from './errors';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

export type Request =
  | { op: 'msg'; requestId: number; command: Doc; moreToCome: boolean }
  | { op: 'query'; requestId: number; collection: string; command: Doc }
  | { op: 'other'; requestId: number; opCode: number };

// promoteValues keeps Int32/Double/small Long as JS numbers, which is what mingo understands.
const BSON_IN = {
  promoteValues: true,
  promoteLongs: true,
  promoteBuffers: false,
  bsonRegExp: false,
};

function readDoc(buf: Buffer, offset: number): { doc: Doc; end: number } {
  const size = buf.readInt32LE(offset);
  return {
    doc: deserialize(buf.subarray(offset, offset + size), BSON_IN) as Doc,
    end: offset + size,
  };
}

function readCString(buf: Buffer, offset: number): { value: string; end: number } {
  const zero = buf.indexOf(0, offset);
  return { value: buf.toString('utf8', offset, zero), end: zero + 1 };
}

/** Length of the first complete message in `buf`, or 0 when more bytes are needed. */
export function completeMessageLength(buf: Buffer): number {
  if (buf.length < 4) return 0;
  const len = buf.readInt32LE(0);
  return buf.length >= len ? len : 0;
}

export function parseMessage(msg: Buffer): Request {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) return parseOpMsg(msg, requestId);
  if (opCode === OP_QUERY) {
    const name = readCString(msg, 20);
    const { doc } = readDoc(msg, name.end + 8); // skip numberToSkip and numberToReturn
    const command = (doc.$query as Doc | undefined) ?? doc; // legacy drivers may wrap the command
    return { op: 'query', requestId, collection: name.value, command };
  }
  return { op: 'other', requestId, opCode };
}

function parseOpMsg(msg: Buffer, requestId: number): Request {
  const flags = msg.readUInt32LE(16);
  const end = msg.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let command: Doc = {};
  const sequences: Record<string, Doc[]> = {};
  let offset = 20;
  while (offset < end) {
    const kind = msg.readUInt8(offset++);
    if (kind === 0) {
      const read = readDoc(msg, offset);
      command = read.doc;
      offset = read.end;
    } else if (kind === 1) {
      const sectionEnd = offset + msg.readInt32LE(offset);
      const id = readCString(msg, offset + 4);
      const docs: Doc[] = [];
      for (let p = id.end; p < sectionEnd;) {
        const read = readDoc(msg, p);
        docs.push(read.doc);
        p = read.end;
      }
      sequences[id.value] = docs;
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  return {
    op: 'msg',
    requestId,
    command: { ...command, ...sequences },
    moreToCome: (flags & MORE_TO_COME) !== 0,
  };
}

const BSON_OUT = { ignoreUndefined: true, checkKeys: false };

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(0, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeOpMsg(responseTo: number, reply: Doc): Buffer {
  const body = serialize(reply, BSON_OUT);
  const prefix = Buffer.alloc(5); // flagBits = 0, then section kind 0
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), prefix, body]);
}

export function encodeOpReply(responseTo: number, reply: Doc): Buffer {
  const body = serialize(reply, BSON_OUT);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
}
