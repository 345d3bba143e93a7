import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
};

/**
 * Checks every JSON body the app sends during a test against the OpenAPI document: a 2xx
 * body against the schema documented for that status, an error against ErrorBody. Runs as
 * Express middleware wrapping `res.json`, so it sees exactly what goes on the wire (after
 * serialization) with the real status. Mismatches are collected and reported by the test
 * harness when the app closes, so every e2e suite doubles as a check of the documentation.
 *
 * RESPONSE_CHECK_ROUTES (a regular expression over "METHOD /path") limits the check while a
 * schema is being written; unset, every route is checked.
 */
export class ResponseSchemaCheck {
  readonly problems: string[] = [];
  private readonly ajv: Ajv;
  /** By "METHOD /path status"; null when the document has no JSON schema for it. */
  private readonly validators = new Map<string, ValidateFunction | null>();
  private readonly only = process.env.RESPONSE_CHECK_ROUTES
    ? new RegExp(process.env.RESPONSE_CHECK_ROUTES)
    : null;

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: document.components ?? {} }, 'openapi');
  }

  /** Every JSON body ends in `res.send` as text (res.json goes through it too). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const type = String(res.getHeader('content-type') ?? '');
      if (typeof body === 'string' && /^application\/json/.test(type))
        this.check(req, res.statusCode, JSON.parse(body) as unknown);
      return send(body);
    };
    next();
  };

  private check(req: Request, status: number, body: unknown): void {
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const path = routePath ? routePath.replace(/:(\w+)/g, '{$1}') : req.path;
    const route = `${req.method} ${path}`;
    if (this.only && !this.only.test(route)) return;
    const validate = this.validatorFor(route, routePath ? path : null, status);
    if (validate === undefined) {
      this.problems.push(`${route} → ${status}: no JSON schema documented for this status`);
      return;
    }
    if (validate === null) return;
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}`)
        .join('; ');
      this.problems.push(
        `${route} → ${status}: ${errors} — body ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
  }

  /** undefined: nothing documented; null: nothing to check (e.g. unmatched route, no body). */
  private validatorFor(
    route: string,
    path: string | null,
    status: number,
  ): ValidateFunction | null | undefined {
    const key = `${route} ${status}`;
    const known = this.validators.get(key);
    if (known !== undefined) return known ?? undefined;
    let schema: object | undefined;
    const method = route.split(' ')[0]!.toLowerCase();
    const operation = path
      ? (this.document.paths[path] as Record<string, Operation> | undefined)?.[method]
      : undefined;
    if (path && !operation && status < 400) return null; // not an API route (web app, docs)
    schema = operation?.responses?.[String(status)]?.content?.['application/json']?.schema;
    // An error answers with ErrorBody unless the route documents its own shape for that status.
    if (!schema && status >= 400) schema = { $ref: '#/components/schemas/ErrorBody' };
    const validate = schema ? this.ajv.compile(this.rebase(schema)) : undefined;
    this.validators.set(key, validate ?? null);
    return validate;
  }

  /** Points `#/components/...` references at the document registered as "openapi". */
  private rebase(schema: object): object {
    return JSON.parse(
      JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'),
    ) as object;
  }

  report(): string | null {
    if (!this.problems.length) return null;
    const unique = [...new Set(this.problems)];
    return `${unique.length} response(s) do not match the OpenAPI document:\n  ${unique.join('\n  ')}`;
  }
}
