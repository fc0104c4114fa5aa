export default async function globalTeardown(): Promise<void> {
  const stops =
    (globalThis as { __retourTestStops?: (() => Promise<void>)[] }).__retourTestStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
