export type Doc = Record<string, unknown>;

/** A command failure answered as `{ ok: 0, errmsg, code, codeName, ...extra }`. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Doc = {},
  ) {
    super(message);
  }

  toReply(): Doc {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const badValue = (msg: string) => new CommandError(2, 'BadValue', msg);
export const namespaceNotFound = (msg: string) => new CommandError(26, 'NamespaceNotFound', msg);
export const notSupported = (msg: string) => new CommandError(115, 'CommandNotSupported', msg);

// mingo's messages for names it does not know, as mongod words and numbers them.
const MINGO_UNKNOWN: [RegExp, (name: string) => CommandError][] = [
  [
    /^unregistered pipeline operator (\$\w+)\.?$/,
    (n) => new CommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${n}'`),
  ],
  [
    /^accumulator '(\$\w+)' is not registered\.?$/,
    (n) => new CommandError(168, 'InvalidPipelineOperator', `Unrecognized expression '${n}'`),
  ],
  [/^unknown query operator (\$\w+)$/, (n) => badValue(`unknown operator: ${n}`)],
];

/** Turns anything thrown while running a command (ours, mingo's, a bug) into a reply. */
export function errorReply(err: unknown): Doc {
  if (err instanceof CommandError) return err.toReply();
  const message = err instanceof Error ? err.message : String(err);
  for (const [pattern, make] of MINGO_UNKNOWN) {
    const name = pattern.exec(message)?.[1];
    if (name) return make(name).toReply();
  }
  return { ok: 0, errmsg: message, code: 2, codeName: 'BadValue' };
}
