import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { buildRegistry } from '../../src/api-docs';

/** "METHOD /path/{param}" → the route as documented, zod schemas included. */
export function documentedRoutes(): Map<string, RouteConfig> {
  const routes = new Map<string, RouteConfig>();
  for (const d of buildRegistry().definitions) {
    if (d.type === 'route') routes.set(`${d.route.method.toUpperCase()} ${d.route.path}`, d.route);
  }
  return routes;
}

/** The zod schema documented for that status and media type, or why there is none. */
export function documentedSchema(
  route: RouteConfig,
  status: number,
  mediaType: string,
): { schema: z.ZodType | null; problem: string | null } {
  const response = route.responses[String(status)];
  if (!response) return { schema: null, problem: `status ${status} is not documented` };
  if (!('description' in response) && '$ref' in response) {
    return { schema: null, problem: 'the response is a $ref' };
  }
  const content = 'content' in response ? response.content : undefined;
  if (!content) return { schema: null, problem: null };
  const media = content[mediaType];
  if (!media || !('schema' in media)) {
    return { schema: null, problem: `${mediaType} is not documented for ${status}` };
  }
  return { schema: media.schema as z.ZodType, problem: null };
}
