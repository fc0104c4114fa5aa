import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  SecurityRequirementObject,
} from 'openapi3-ts/oas31';

/** What the /docs page shows of the OpenAPI document: plain text, pre-formatted JSON. */
export interface DocsPage {
  title: string;
  description: string;
  tags: { name: string; anchor: string; operations: OperationView[] }[];
  schemes: { name: string; how: string; text: string }[];
  schemas: { name: string; anchor: string; json: string }[];
}

interface ContentView {
  type: string;
  schema: string | null;
  ref: string | null;
  refAnchor: string | null;
  example: string | null;
}

interface OperationView {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  security: string;
  parameters: { name: string; in: string; required: boolean; type: string; text: string }[];
  body: ContentView[];
  responses: { status: string; description: string; content: ContentView[] }[];
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const anchorOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const refName = (s: unknown) =>
  s && typeof s === 'object' && '$ref' in s
    ? String((s as ReferenceObject).$ref)
        .split('/')
        .pop()!
    : null;

function contentOf(content: Record<string, MediaTypeObject> | undefined): ContentView[] {
  return Object.entries(content ?? {}).map(([type, media]) => {
    const ref = refName(media.schema);
    return {
      type,
      ref,
      refAnchor: ref ? `schema-${anchorOf(ref)}` : null,
      schema: ref || !media.schema ? null : pretty(media.schema),
      example: media.example === undefined ? null : pretty(media.example),
    };
  });
}

function typeOf(schema: SchemaObject | ReferenceObject | undefined): string {
  if (!schema) return '';
  const ref = refName(schema);
  if (ref) return ref;
  const s = schema as SchemaObject;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  return [s.type].flat().filter(Boolean).join(' | ') + (s.format ? ` (${s.format})` : '');
}

function securityText(security: SecurityRequirementObject[] | undefined): string {
  if (!security?.length || security.every((s) => Object.keys(s).length === 0))
    return 'none (public)';
  return security
    .map((req) =>
      Object.entries(req)
        .map(([name, scopes]) => (scopes.length ? `${name} (${scopes.join(', ')})` : name))
        .join(' + '),
    )
    .join(' or ');
}

function operationView(method: string, path: string, op: OperationObject): OperationView {
  const body = op.requestBody as RequestBodyObject | undefined;
  return {
    anchor: anchorOf(`${method} ${path}`),
    method: method.toUpperCase(),
    path,
    summary: op.summary ?? '',
    description: op.description ?? null,
    security: securityText(op.security),
    parameters: ((op.parameters ?? []) as ParameterObject[]).map((p) => {
      const schema = p.schema as SchemaObject | undefined;
      const extra = [
        p.description ?? schema?.description,
        schema?.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
      ];
      return {
        name: p.name,
        in: p.in,
        required: Boolean(p.required),
        type: typeOf(p.schema),
        text: extra.filter(Boolean).join('; '),
      };
    }),
    body: contentOf(body?.content),
    responses: Object.entries(op.responses ?? {}).map(([status, res]) => ({
      status,
      description: (res as ResponseObject).description ?? '',
      content: contentOf((res as ResponseObject).content),
    })),
  };
}

export function docsPage(doc: OpenAPIObject): DocsPage {
  const byTag = new Map<string, OperationView[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationView(method, path, op));
    }
  }
  return {
    title: doc.info.title,
    description: doc.info.description ?? '',
    tags: [...byTag].map(([name, operations]) => ({ name, anchor: anchorOf(name), operations })),
    schemes: Object.entries(doc.components?.securitySchemes ?? {}).map(([name, raw]) => {
      const s = raw as {
        type: string;
        scheme?: string;
        in?: string;
        name?: string;
        description?: string;
      };
      const how = s.in ? `${s.in} ${s.name}` : `${s.type} ${s.scheme ?? ''}`.trim();
      return { name, how, text: s.description ?? '' };
    }),
    schemas: Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => ({
      name,
      anchor: `schema-${anchorOf(name)}`,
      json: pretty(s),
    })),
  };
}
