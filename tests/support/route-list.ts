import type { Express } from 'express';

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** "METHOD /path" for every route, mount paths of nested routers included (router 2.x). */
export function listRoutes(app: Express): string[] {
  const routes = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = [layer.route.path].flat();
        for (const path of paths) {
          if (typeof path !== 'string')
            throw new Error(`A route path is not a string: ${String(path)}`);
          for (const method of Object.keys(layer.route.methods)) {
            routes.add(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${prefix}${path}`);
          }
        }
      } else if (layer.handle?.stack) {
        for (const mount of [layer.rawPath ?? '/'].flat()) {
          if (typeof mount !== 'string')
            throw new Error(`A mount path is not a string: ${String(mount)}`);
          walk(layer.handle.stack, mount === '/' ? prefix : `${prefix}${mount}`);
        }
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...routes].sort();
}
