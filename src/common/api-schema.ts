import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Small builders for the JSON shapes the API answers with. Responses are plain objects and
 * entities, not DTO classes, so their schemas are written here as data: short to read next to
 * the controller, and exact enough that the test harness validates every 2xx JSON body of
 * the e2e suites against them (test/support/response-check.ts).
 *
 * Conventions: every listed property is required unless passed in `optional`; `nullable()`
 * marks a value that may be null; objects accept extra properties (adding a field to a
 * response is not a breaking change), but every declared property must have its type.
 */
export type Schema = SchemaObject | ReferenceObject;

const registry = new Map<string, SchemaObject>();

export const str = (description?: string): SchemaObject => ({
  type: 'string',
  ...(description ? { description } : {}),
});
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
/** A calendar date, yyyy-mm-dd. */
export const date: SchemaObject = { type: 'string', format: 'date' };
/** A SHA-256 as lowercase hex (the database checks the same pattern where it stores one). */
export const sha256Hex = (description?: string): SchemaObject => ({
  ...str(description),
  pattern: '^[0-9a-f]{64}$',
});
export const int: SchemaObject = { type: 'integer' };
export const num: SchemaObject = { type: 'number' };
export const bool: SchemaObject = { type: 'boolean' };
/** Points as an exact decimal string with two places, e.g. "64.12". */
export const points: SchemaObject = {
  type: 'string',
  pattern: '^-?\\d+\\.\\d{2}$',
  description: 'Exact decimal, two places (e.g. "64.12")',
};
/** Any JSON value (documents whose shape is owned elsewhere, e.g. the contest rules). */
export const anyValue: SchemaObject = {};
export const enumOf = (values: readonly (string | number)[]): SchemaObject => ({
  type: typeof values[0] === 'number' ? 'integer' : 'string',
  enum: [...values],
});
export const arrayOf = (items: Schema): SchemaObject => ({ type: 'array', items });
export const mapOf = (values: Schema): SchemaObject => ({
  type: 'object',
  additionalProperties: values,
});
export function nullable(schema: Schema): SchemaObject {
  // OpenAPI 3.0 has no null type: a reference becomes "the shape, or exactly null".
  if ('$ref' in schema)
    return { anyOf: [schema, { type: 'object', nullable: true, enum: [null] }] };
  return schema.type ? { ...schema, nullable: true } : schema;
}

export function object(
  properties: Record<string, Schema>,
  options: { optional?: readonly string[]; description?: string } = {},
): SchemaObject {
  const optional = new Set(options.optional ?? []);
  const required = Object.keys(properties).filter((k) => !optional.has(k));
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(options.description ? { description: options.description } : {}),
  };
}

/** Registers a reusable shape under components.schemas and returns a reference to it. */
export function named(name: string, schema: SchemaObject): ReferenceObject {
  const existing = registry.get(name);
  if (existing && existing !== schema) throw new Error(`response schema ${name} defined twice`);
  registry.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/** The columns every row has (BaseEntity), to spread into an entity's schema. */
export const rowColumns = { id: uuid, createdAt: dateTime, updatedAt: dateTime };
/** BaseEntity plus the contest it belongs to (ContestScopedEntity). */
export const contestRowColumns = { ...rowColumns, contestId: uuid };

/** Called once per document: adds every named response shape to components.schemas. */
export function documentResponseSchemas(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  for (const [name, schema] of registry) {
    if (document.components.schemas[name])
      throw new Error(`response schema ${name} clashes with a DTO of the same name`);
    document.components.schemas[name] = schema;
  }
}

/** Content for a non-JSON download (CSV, XLSX, PDF, video). */
export const binary = (mediaType: string) => ({
  [mediaType]: { schema: { type: 'string', format: 'binary' } as SchemaObject },
});
