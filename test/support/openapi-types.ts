/**
 * Generates TypeScript types for the web app's API client from the OpenAPI document: one
 * interface per schema (request DTOs, response views, ErrorBody) and, per route
 * ("METHOD /api/path"), its path parameters, query parameters, body and success response. Pure function; the test keeps the committed file in
 * step with the live document.
 */
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  description?: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export function openApiToTypes(doc: OpenApiDocument): string {
  const out: string[] = [
    '// Generated from the OpenAPI document (GET /api/docs-json) by test/support/openapi-types.ts.',
    '// Do not edit: run `npm run api:types` after changing a route or a DTO.',
    '/* eslint-disable */',
    '',
  ];
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas).sort()) {
    out.push(`export interface ${name} ${objectType(schemas[name]!, '')}`, '');
  }
  out.push('export interface ApiRoutes {');
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path]![method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const fields = (kind: string) => {
        const list = params.filter((p) => p.in === kind);
        if (!list.length) return '{}';
        return `{ ${list
          .map(
            (p) =>
              `${safeKey(p.name)}${p.required ? '' : '?'}: ${kind === 'path' ? 'string' : typeOf(p.schema ?? {}, '    ')}`,
          )
          .join('; ')} }`;
      };
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']?.schema
        ? typeOf(content['application/json'].schema, '    ')
        : content['multipart/form-data']
          ? 'FormData'
          : 'undefined';
      out.push(
        `  '${method.toUpperCase()} ${path}': { path: ${fields('path')}; query: ${fields('query')}; body: ${body}; response: ${responseType(op)} };`,
      );
    }
  }
  out.push('}', '');
  return out.join('\n');
}

/** The JSON body of the first documented 2xx answer; Blob for a download; undefined for none. */
function responseType(op: Operation): string {
  const success = Object.entries(op.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [, response] of success) {
    const json = response.content?.['application/json']?.schema;
    if (json) return typeOf(json, '    ');
    if (response.content && Object.keys(response.content).length) return 'Blob';
  }
  return 'undefined';
}

function objectType(schema: Schema, indent: string): string {
  const props = schema.properties ?? {};
  const keys = Object.keys(props);
  if (!keys.length) {
    const values = schema.additionalProperties;
    return values && typeof values === 'object'
      ? `Record<string, ${typeOf(values, indent)}>`
      : '{ [key: string]: unknown }';
  }
  const required = new Set(schema.required ?? []);
  const lines = keys.map((k) => {
    const p = props[k]!;
    const doc = p.description ? `${indent}  /** ${p.description.replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}${indent}  ${safeKey(k)}${required.has(k) ? '' : '?'}: ${typeOf(p, indent + '  ')};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function typeOf(schema: Schema, indent: string): string {
  const base = baseType(schema, indent);
  return schema.nullable && base !== 'null' ? `${base} | null` : base;
}

function baseType(schema: Schema, indent: string): string {
  if (schema.$ref) return schema.$ref.split('/').pop()!;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map((s) => typeOf(s, indent)).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => typeOf(s, indent)).join(' & ');
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `${wrap(typeOf(schema.items ?? {}, indent))}[]`;
    case 'object':
      return schema.properties || typeof schema.additionalProperties === 'object'
        ? objectType(schema, indent)
        : 'Record<string, unknown>';
    default:
      return schema.properties ? objectType(schema, indent) : 'unknown';
  }
}

const wrap = (t: string) => (/[|&]/.test(t) ? `(${t})` : t);
const safeKey = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
