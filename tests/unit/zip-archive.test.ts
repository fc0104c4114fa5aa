import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipArchive } from '../../src/shared/zip-archive';

/** Checked by Info-ZIP's unzip, an independent reader, not by code of ours. */
function unzip(zip: Buffer, ...args: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'zip-test-')), 'a.zip');
  writeFileSync(file, zip);
  return execFileSync('unzip', [...args, file], { encoding: 'utf8' });
}

describe('zip archive', () => {
  it('writes deflated and stored entries, UTF-8 names and the given time, that unzip lists, tests and extracts', () => {
    const big = 'ligne, "quotée"\r\n'.repeat(2000);
    const zip = zipArchive(
      [
        { name: 'données.csv', content: big },
        { name: 'a.json', content: '{}' },
        { name: 'empty.txt', content: '' },
        { name: 'bytes.bin', content: Buffer.from([0, 255, 1, 254]) },
      ],
      new Date(Date.UTC(2026, 11, 4, 21, 30, 10)),
    );
    expect(unzip(zip, '-t')).toContain('No errors detected');
    expect(unzip(zip, '-Z1').trim().split('\n')).toEqual([
      'données.csv',
      'a.json',
      'empty.txt',
      'bytes.bin',
    ]);
    expect(unzip(zip, '-p')).toBe(`${big}{}`.concat('', Buffer.from([0, 255, 1, 254]).toString()));
    const verbose = unzip(zip, '-Zv');
    expect(verbose).toMatch(/compression method:\s+deflated/);
    expect(verbose).toMatch(/compression method:\s+none \(stored\)/);
    expect(verbose).toContain('2026 Dec 4 21:30:10');
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('refuses two entries of one name', () => {
    expect(() =>
      zipArchive([
        { name: 'a', content: '1' },
        { name: 'a', content: '2' },
      ]),
    ).toThrow(/Duplicate/);
  });
});
