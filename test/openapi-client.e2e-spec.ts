import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiDocument, openApiToTypes } from './support/openapi-types';
import { startTestApp, TestApp } from './support/test-app';

const GENERATED = join(__dirname, '..', 'web', 'src', 'api-types', 'routes.gen.ts');

/**
 * The web app's API client is typed from the OpenAPI document. This test regenerates the
 * types from the live document and fails when the committed file is out of date
 * (`npm run api:types` rewrites it).
 */
describe('API client types generated from the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('the committed web/src/api-types/routes.gen.ts matches the live document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    const generated = openApiToTypes(doc);
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(GENERATED, generated);
    expect(existsSync(GENERATED)).toBe(true);
    expect(readFileSync(GENERATED, 'utf8')).toBe(generated);
    // every route of the document is there, with its body type
    expect(generated).toContain("'POST /api/contests/{contestId}/results/freeze': {");
    expect(generated).toMatch(
      /'PUT \/api\/contests\/\{contestId\}\/my-entry': \{ path: \{ contestId: string \}; query: \{\}; body: SaveEntryDto; response: EntryView \}/,
    );
  });

  it('every route documents its success answer, and every JSON answer has a schema', async () => {
    type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses?: Responses }>>;
    };
    const problems: string[] = [];
    let routes = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        routes++;
        const route = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(op.responses ?? {}).filter(([s]) => /^2\d\d$/.test(s));
        if (!success.length) problems.push(`${route}: no 2xx response documented`);
        for (const [status, response] of success) {
          const json = response.content?.['application/json'];
          if (json && !Object.keys(json.schema ?? {}).length)
            problems.push(`${route} ${status}: JSON answer without a schema`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(routes).toBeGreaterThan(85);
  });
});
