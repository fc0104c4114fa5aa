import { badValue, CommandError, notSupported, type Doc } from './errors';
import { isPlainObject } from './values';

interface PathNode {
  leaf: boolean;
  children: Map<string, PathNode>;
}

const conflict = (path: string, at: string) =>
  new CommandError(
    40,
    'ConflictingUpdateOperators',
    `Updating the path '${path}' would create a conflict at '${at}'`,
  );

/**
 * mongod builds one tree of every path an operator update names (all operators, $setOnInsert
 * included even when no upsert happens, both ends of a $rename) and refuses a path equal to, or
 * on either side of a prefix of, one already in it. The first path named keeps its place; the
 * error names the later one and where it meets the earlier.
 */
export function checkUpdatePaths(update: Doc): void {
  const root: PathNode = { leaf: false, children: new Map() };
  const claim = (path: string) => {
    const parts = path.split('.');
    let node = root;
    for (const [i, part] of parts.entries()) {
      let child = node.children.get(part);
      const last = i === parts.length - 1;
      if (child && (child.leaf || last)) throw conflict(path, parts.slice(0, i + 1).join('.'));
      if (!child) {
        child = { leaf: last, children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
  };
  for (const [op, fields] of Object.entries(update)) {
    if (!isPlainObject(fields))
      throw new CommandError(
        9,
        'FailedToParse',
        `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(fields)}}`,
      );
    for (const [path, value] of Object.entries(fields)) {
      // mingo writes a number where mongod writes a BSON Timestamp.
      if (op === '$currentDate' && isPlainObject(value) && value.$type === 'timestamp')
        throw notSupported(
          `$currentDate with $type 'timestamp' (${path}) is not supported by the in-memory test server`,
        );
      if (op === '$rename') {
        if (typeof value !== 'string')
          throw badValue(`The 'to' field for $rename must be a string: ${path}: ${String(value)}`);
        const [a, b] = path.length <= value.length ? [path, value] : [value, path];
        if (a === b || b.startsWith(`${a}.`))
          throw badValue(
            `The source and target field for $rename must not be on the same path: ${path}: "${value}"`,
          );
        claim(value);
      }
      claim(path);
    }
  }
}
