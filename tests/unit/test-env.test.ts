import { withDatabase } from '../support/test-env';

describe('withDatabase', () => {
  it.each([
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017/x'],
    ['mongodb://127.0.0.1:27017/retour', 'mongodb://127.0.0.1:27017/x'],
    ['mongodb://u:p@h1:1,h2:2/db?replicaSet=rs0', 'mongodb://u:p@h1:1,h2:2/x?replicaSet=rs0'],
    [
      'mongodb+srv://cluster.example.net/?retryWrites=true',
      'mongodb+srv://cluster.example.net/x?retryWrites=true',
    ],
  ])('%s becomes %s', (uri, expected) => {
    expect(withDatabase(uri, 'x')).toBe(expected);
  });
});
