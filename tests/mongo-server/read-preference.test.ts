import mongoose, { Schema, type Connection } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { startMongoServer, type MongoTestServer } from '../../dev/mongo-server';
import { closeHarness, openHarness, uniqueDbName, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('readpref');
  await h.conn.db!.collection('notes').insertOne({ text: 'hello' });
});
afterAll(async () => {
  await closeHarness(h);
});

const find = (readPreference: unknown) =>
  h.conn.db!.command({ find: 'notes', filter: {}, $readPreference: readPreference });

describe('$readPreference as mongod parses it', () => {
  test.each([
    [{ mode: 'primary' }],
    [{ mode: 'primary', tags: [{}] }],
    [{ mode: 'primaryPreferred' }],
    [{ mode: 'secondary', tags: [{ dc: 'paris' }, {}] }],
    [{ mode: 'secondaryPreferred', maxStalenessSeconds: 120 }],
    [{ mode: 'nearest', tags: [] }],
  ])('when a find carries %j, then it answers as without it', async (pref) => {
    const reply = await find(pref);
    expect(reply.cursor.firstBatch).toEqual([expect.objectContaining({ text: 'hello' })]);
  });

  test.each([
    [
      'not an object',
      'secondary',
      14,
      /\$readPreference has incorrect type: expected object but got string/,
    ],
    ['without a mode', { tags: [] }, 4, /Missing expected field "mode"/],
    ['a mode that is not a string', { mode: 1 }, 14, /"mode" had the wrong type. Expected string/],
    [
      'an unknown mode',
      { mode: 'secondaryOnly' },
      2,
      /Could not parse \$readPreference mode 'secondaryOnly'/,
    ],
    [
      'tags with primary',
      { mode: 'primary', tags: [{ dc: 'paris' }] },
      2,
      /Only empty tags are allowed with primary/,
    ],
    [
      'tags that are not an array',
      { mode: 'nearest', tags: { dc: 'paris' } },
      14,
      /"tags" had the wrong type/,
    ],
    [
      'maxStalenessSeconds below 90',
      { mode: 'secondary', maxStalenessSeconds: 30 },
      160,
      /can not be less than 90/,
    ],
    [
      'a negative maxStalenessSeconds',
      { mode: 'secondary', maxStalenessSeconds: -1 },
      2,
      /must be a non-negative integer/,
    ],
    [
      'maxStalenessSeconds with primary',
      { mode: 'primary', maxStalenessSeconds: 120 },
      2,
      /can not be set for the primary mode/,
    ],
  ])(
    'when a find carries a $readPreference with %s, then mongod’s error is returned',
    async (_what, pref, code, message) => {
      await expect(find(pref)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    },
  );

  test('when a $readPreference has a field mongod does not read, then it is refused, not ignored', async () => {
    await expect(find({ mode: 'secondary', maxStalenesSeconds: 120 })).rejects.toMatchObject({
      code: 115,
      message: expect.stringContaining('$readPreference.maxStalenesSeconds'),
    });
  });
});

/** A mongoose connection that records the $readPreference of every find and aggregate it sends. */
async function recording(uri: string) {
  const db = uri.includes('?')
    ? uri.replace('/?', `/${uniqueDbName('rp')}?`)
    : `${uri}/${uniqueDbName('rp')}`;
  const conn = await mongoose
    .createConnection(db, { serverApi: { version: '1' }, monitorCommands: true })
    .asPromise();
  const sent: unknown[] = [];
  conn.getClient().on('commandStarted', (e: CommandStartedEvent) => {
    if (['find', 'aggregate'].includes(e.commandName)) sent.push(e.command.$readPreference ?? null);
  });
  return { conn, sent };
}

async function readEachWay(conn: Connection) {
  const Note = conn.model('Note', new Schema({ text: String }));
  await Note.create({ text: 'hi' });
  const found = [
    await Note.find().read('secondaryPreferred').lean(),
    await Note.aggregate([{ $match: {} }]).read('nearest'),
    await Note.find().read('primary').lean(),
  ];
  return found.map((docs) => docs.map((d) => d.text));
}

describe('what the driver sends', () => {
  test('when connected to the standalone, then no read carries $readPreference, whatever its mode', async () => {
    const { conn, sent } = await recording(h.server.uri);
    try {
      expect(await readEachWay(conn)).toEqual([['hi'], ['hi'], ['hi']]);
      expect(sent).toEqual([null, null, null]);
    } finally {
      await conn.close();
    }
  });

  describe('started as a one-member replica set', () => {
    let rs: MongoTestServer;
    beforeAll(async () => {
      rs = await startMongoServer({ quiet: true, replicaSet: 'rs0' });
    });
    afterAll(() => rs.close());

    test('when asked hello, then it answers as the primary of that set, listing itself', async () => {
      const { conn } = await recording(rs.uri);
      try {
        const hello = await conn.db!.admin().command({ hello: 1 });
        const host = `127.0.0.1:${rs.port}`;
        expect(rs.uri).toBe(`mongodb://${host}/?replicaSet=rs0`);
        expect(hello).toMatchObject({
          setName: 'rs0',
          hosts: [host],
          primary: host,
          me: host,
          isWritablePrimary: true,
          secondary: false,
        });
      } finally {
        await conn.close();
      }
    });

    test('when reads ask for other members, then $readPreference is sent, accepted, and primary sends none', async () => {
      const { conn, sent } = await recording(rs.uri);
      try {
        expect(await readEachWay(conn)).toEqual([['hi'], ['hi'], ['hi']]);
        expect(sent).toEqual([{ mode: 'secondaryPreferred' }, { mode: 'nearest' }, null]);
      } finally {
        await conn.close();
      }
    });

    test('when a transaction is started, then it is refused as on the standalone', async () => {
      const { conn } = await recording(rs.uri);
      const session = await conn.startSession();
      try {
        session.startTransaction();
        await expect(
          conn.db!.collection('notes').insertOne({ text: 'in a transaction' }, { session }),
        ).rejects.toMatchObject({ code: 115, message: expect.stringContaining('Transactions') });
        expect(await conn.db!.collection('notes').countDocuments()).toBe(0);
      } finally {
        await session.abortTransaction().catch(() => undefined);
        await session.endSession();
        await conn.close();
      }
    });
  });
});
