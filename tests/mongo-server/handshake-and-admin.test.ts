import mongoose, { Schema } from 'mongoose';
import { startMongoServer } from '../../dev/mongo-server';
import { closeHarness, openHarness, uniqueDbName, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('admin');
});
afterAll(async () => {
  await closeHarness(h);
});

const db = () => h.conn.db!;

describe('handshake', () => {
  test('when a client connects without serverApi, then the legacy OP_QUERY isMaster handshake succeeds', async () => {
    const conn = await mongoose
      .createConnection(`${h.server.uri}/${uniqueDbName('legacy')}`)
      .asPromise();
    try {
      const reply = await conn.db!.admin().command({ isMaster: 1 });
      expect(reply).toMatchObject({ ismaster: true, maxWireVersion: 21, minWireVersion: 0, ok: 1 });
      const Thing = conn.model('Thing', new Schema({ label: String }));
      await Thing.create({ label: 'over legacy handshake' });
      expect(await Thing.countDocuments()).toBe(1);
    } finally {
      await conn.close();
    }
  });

  test('when a serverApi client says hello, then it is told this is a writable standalone of MongoDB 7.0', async () => {
    const reply = await db().admin().command({ hello: 1 });
    expect(reply).toMatchObject({
      isWritablePrimary: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      logicalSessionTimeoutMinutes: 30,
      maxBsonObjectSize: 16 * 1024 * 1024,
    });
    expect(reply.msg).toBeUndefined();
    expect(typeof reply.connectionId).toBe('number');
  });

  test('when asked for build info, then version 7.0.0 is reported', async () => {
    const info = await db().admin().buildInfo();
    expect(info.version).toBe('7.0.0');
    expect(info.versionArray).toEqual([7, 0, 0, 0]);
  });

  test('when pinged or asked a parameter, then it answers ok', async () => {
    await expect(db().admin().ping()).resolves.toMatchObject({ ok: 1 });
    const fcv = await db().admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(fcv.featureCompatibilityVersion).toEqual({ version: '7.0' });
  });

  test('when a command is unknown, then it fails with CommandNotFound naming it', async () => {
    await expect(db().command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
      message: expect.stringContaining('frobnicate'),
    });
  });

  test('when started without quiet, then it says loudly on stderr that it is a test server', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const server = await startMongoServer();
    await server.close();
    const lines = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/IN-MEMORY.*TEST SERVER.*NOT a database.*lost/);
    expect(lines[1]).toBe(
      `stand-in sort-tie seed: ${server.sortTieSeed} (set MONGO_STANDIN_SEED=${server.sortTieSeed} to replay)\n`,
    );
    expect(server.uri).toBe(`mongodb://127.0.0.1:${server.port}`);
  });

  test('when a session is used for plain writes, then lsid is accepted', async () => {
    const Note = h.conn.model('SessionNote', new Schema({ text: String }));
    const session = await h.conn.startSession();
    try {
      await Note.create([{ text: 'in a session' }], { session });
      expect(await Note.findOne({ text: 'in a session' }).session(session).lean()).toMatchObject({
        text: 'in a session',
      });
    } finally {
      await session.endSession();
    }
  });
});

describe('databases and collections', () => {
  test('when a collection is created twice, then the second create fails with NamespaceExists', async () => {
    await db().createCollection('twice');
    await expect(db().command({ create: 'twice' })).rejects.toMatchObject({
      code: 48,
      codeName: 'NamespaceExists',
    });
  });

  test('when listing collections by name or nameOnly, then only matching entries are returned', async () => {
    await db().createCollection('alpha');
    await db().createCollection('beta');
    const byName = await db().listCollections({ name: 'alpha' }).toArray();
    expect(byName).toEqual([expect.objectContaining({ name: 'alpha', type: 'collection' })]);
    const names = (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['alpha', 'beta']));
  });

  test('when dropping a collection, existing or not, then it succeeds and the collection is gone', async () => {
    await db().createCollection('doomed');
    await expect(db().dropCollection('doomed')).resolves.toBe(true);
    await expect(db().command({ drop: 'never-existed' })).resolves.toMatchObject({ ok: 1 });
    expect(await db().listCollections({ name: 'doomed' }).toArray()).toEqual([]);
  });

  test('when listing and dropping databases, then a database with data appears and then vanishes', async () => {
    const other = h.conn.useDb(uniqueDbName('other'));
    await other.db!.collection('c').insertOne({ a: 1 });
    const listed = await db().admin().listDatabases();
    expect(listed.databases.map((d) => d.name)).toContain(other.name);
    await other.dropDatabase();
    const after = await db().admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.name);
  });
});
