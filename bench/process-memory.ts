import { readFileSync } from 'node:fs';

/** Resident memory of a process from /proc (Linux): now and its peak, in MB; null elsewhere. */
export function processMemory(
  pid: number | 'self' = 'self',
): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** "RSS 123 MB (peak 150 MB)", or "RSS n/a" when /proc cannot be read. */
export function formatMemory(pid: number | 'self' = 'self'): string {
  const m = processMemory(pid);
  return m ? `RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakMb.toFixed(0)} MB)` : 'RSS n/a';
}
