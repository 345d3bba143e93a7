import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import ts from 'typescript';
import { OPERATIONS } from '../src/common/api-operations';
import { defaultRules } from '../src/engine';
import { bearer, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const bin = (pkg: string, file: string) => join(ROOT, 'node_modules', pkg, file);

type Operation = {
  operationId?: string;
  summary?: string;
  security?: object[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, unknown>;
  'x-allow'?: string[];
};
type Doc = {
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, object> }> };
};

/**
 * What a generated client sees: the live document passes `redocly lint` (recommended rules,
 * redocly.yaml), and a client typed by `openapi-typescript` compiles and sends a scorecard
 * and a rules document to the running server.
 */
describe('the OpenAPI contract', () => {
  let t: TestApp;
  let doc: Doc;
  let dir: string;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json')).body as Doc;
    dir = mkdtempSync(join(tmpdir(), 'openapi-contract-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('passes redocly lint with the recommended rules', async () => {
    const lint = await run(
      process.execPath,
      [
        bin('@redocly/cli', 'bin/cli.js'),
        'lint',
        join(dir, 'openapi.json'),
        '--config',
        join(ROOT, 'redocly.yaml'),
        '--format=stylish',
      ],
      { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } },
    ).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${lint.stdout}\n${lint.stderr}`).toMatch(/Your API description is valid/);
  });

  it('names every operation (stable operationId, summary), marks public ones, lists their 4xx', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations().filter(({ op }) => !op.summary)).toEqual([]);
    const used = new Set(ids);
    expect(Object.values(OPERATIONS).filter(([id]) => !used.has(id))).toEqual([]);
    expect(doc.paths['/api/contests/{contestId}/audit/verify']!.get!.operationId).toBe(
      'verifyAudit',
    );
    for (const { route, op } of operations()) {
      const isPublic = op['x-allow']!.includes('public');
      expect({ route, security: op.security }).toEqual({
        route,
        security: isPublic ? [] : [{ bearer: [] }],
      });
      expect({ route, has4xx: Object.keys(op.responses).some((s) => /^4\d\d$/.test(s)) }).toEqual({
        route,
        has4xx: true,
      });
    }
    expect(doc.info.license?.name).toBe('MIT');
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('lists headers once with the right optionality; OPTIONS uploads declares contestId', () => {
    for (const path of [
      '/api/contests/{contestId}/judging/entries/{entryId}/scorecard',
      '/api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit',
    ]) {
      const op = doc.paths[path]!.put ?? doc.paths[path]!.post!;
      const keys = op.parameters!.filter((p) => p.name.toLowerCase() === 'idempotency-key');
      expect(keys).toEqual([expect.objectContaining({ in: 'header', required: false })]);
    }
    const options = doc.paths['/api/contests/{contestId}/uploads']!.options!;
    expect(options.parameters).toEqual([
      expect.objectContaining({ name: 'contestId', in: 'path', required: true }),
    ]);
    const schemas = doc.components.schemas;
    expect(schemas.FlagDuplicateDto!.properties!.reason).toMatchObject({ type: 'string' });
    expect(schemas.SaveScorecardDto!.properties!.scores).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'number' },
    });
    // a 409 SUBMISSION_CLOSED's contestStatus is part of the documented error shape
    expect(schemas.ErrorBody!.properties!.contestStatus).toMatchObject({ type: 'string' });
  });

  it('documents every query parameter a route validates', () => {
    const undocumented: string[] = [];
    const checked: string[] = [];
    for (const { metatype: controller } of controllersOf(t.app)) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const query = queryDtoOf(controller, method);
        if (!query) continue;
        const [operationId] = OPERATIONS[`${controller.name}_${method}`] ?? [];
        checked.push(operationId ?? method);
        const op = operations().find((o) => o.op.operationId === operationId)?.op;
        const documented = new Set(
          (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        );
        for (const field of validatedFields(query))
          if (!documented.has(field)) undocumented.push(`${operationId ?? method}: ${field}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(10); // the lists, the audit log, the year
    expect(undocumented).toEqual([]);
  });

  it('documents a whole number as an integer with its bounds', () => {
    const audit = doc.paths['/api/contests/{contestId}/audit']!.get!.parameters!;
    expect(audit.find((p) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    });
    expect(doc.components.schemas.FormCountDto!.properties!.reactions).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000_000,
    });
  });

  it('a client generated by openapi-typescript compiles and sends a scorecard and a rules document', async () => {
    await run(process.execPath, [
      bin('openapi-typescript', 'bin/cli.js'),
      join(dir, 'openapi.json'),
      '--output',
      join(dir, 'api.ts'),
    ]);
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'wrong.ts'), WRONG);
    // One program for both files (a second one would type-check the libraries again).
    const program = ts.createProgram([join(dir, 'client.ts'), join(dir, 'wrong.ts')], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      outDir: join(dir, 'out'),
      skipLibCheck: true,
      skipDefaultLibCheck: true,
    });
    const problems = (file: string) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(join(dir, file)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems('client.ts')).toEqual([]);
    // the types are real: a score that is not a number and a rules document missing its
    // sections do not compile
    const wrong = problems('wrong.ts').join('\n');
    expect(wrong).toMatch(/string.*number/s);
    expect(wrong).toMatch(/missing the following properties/);
    expect(program.emit(program.getSourceFile(join(dir, 'client.ts'))).emitSkipped).toBe(false);

    // …and the compiled client talks to the live server
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id as string;
    const sent = await run(process.execPath, [join(dir, 'out', 'client.js')], {
      env: {
        ...process.env,
        BASE: `http://127.0.0.1:${(t.server.address() as { port: number }).port}`,
        TOKEN: admin,
        CONTEST: contestId,
        RULES: JSON.stringify(defaultRules()),
      },
    });
    // the scorecard passed validation (no 400): the demo contest is not judging yet (409)
    expect(JSON.parse(sent.stdout)).toEqual({ rules: 200, scorecard: 409 });
    const stored = await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin));
    expect(stored.body.rulesVersion).toBe(2);
  });
});

/** A small client over the generated types: typed paths, bodies and answers. */
const CLIENT = `
import type { components, paths } from './api';

declare const process: { env: Record<string, string | undefined> };

type Rules = components['schemas']['ContestRules'];
type Scorecard =
  paths['/api/contests/{contestId}/judging/entries/{entryId}/scorecard']['put']['requestBody']['content']['application/json'];
type PutRules =
  paths['/api/contests/{contestId}/rules']['put']['requestBody']['content']['application/json'];

const base = process.env.BASE!;
const headers = { Authorization: 'Bearer ' + process.env.TOKEN, 'Content-Type': 'application/json' };

async function main() {
  const rules: Rules = JSON.parse(process.env.RULES!);
  rules.judging.aggregation = { kind: 'trimmedMean', minJudges: 5 };
  const putRules: PutRules = { rules, rulesVersion: 1 };
  const r = await fetch(base + '/api/contests/' + process.env.CONTEST + '/rules', {
    method: 'PUT', headers, body: JSON.stringify(putRules),
  });
  const card: Scorecard = { scores: { novelty: 13.5, usefulness: 14 }, comment: 'Rõ ràng' };
  const s = await fetch(base + '/api/contests/' + process.env.CONTEST +
    '/judging/entries/00000000-0000-4000-8000-000000000001/scorecard', {
    method: 'PUT', headers: { ...headers, 'Idempotency-Key': 'contract-test-0001' },
    body: JSON.stringify(card),
  });
  console.log(JSON.stringify({ rules: r.status, scorecard: s.status }));
}
void main();
`;

const WRONG = `
import type { components } from './api';
type Card = components['schemas']['SaveScorecardDto'];
const card: Card = { scores: { novelty: 'mười ba' } };
const rules: components['schemas']['PutRulesDto'] = { rules: { interaction: {} } };
export { card, rules };
`;

/** A DTO or controller class. */
type Class = new (...args: never[]) => object;

/** Every controller class of the running app. */
function controllersOf(app: TestApp['app']) {
  return [...app.get(ModulesContainer).values()].flatMap((m) =>
    [...m.controllers.values()].map((w) => ({ metatype: w.metatype as Class })),
  );
}

/** The DTO class of a handler's whole `@Query()` argument, if it has one. */
function queryDtoOf(controller: Class, method: string): Class | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ??
    []) as Class[];
  const whole = Object.entries(args).find(
    ([key, arg]) => key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined,
  );
  return whole ? types[whole[1].index] : undefined;
}

/** The properties class-validator checks on a DTO (inherited ones included). */
function validatedFields(dto: Class): Set<string> {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return new Set(rules.map((r) => r.propertyName));
}
