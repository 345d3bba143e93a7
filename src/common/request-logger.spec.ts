import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOf, requestLogger } from './request-logger';

describe('request ids', () => {
  it("generates the request id itself; the client's X-Request-Id is only a correlation id", () => {
    const headers: Record<string, string> = {};
    const response = Object.assign(new EventEmitter(), {
      statusCode: 201,
      setHeader: (name: string, value: string) => (headers[name] = value),
    });
    const request = {
      headers: { 'x-request-id': 'client-chosen-id' },
      method: 'POST',
      originalUrl: '/api/x?y=1',
    } as unknown as Request & { id?: string; correlationId?: string };
    const lines: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    try {
      requestLogger('info', 'app-2')(
        request,
        response as unknown as Response,
        (() => undefined) as NextFunction,
      );
      response.emit('finish');
    } finally {
      write.mockRestore();
    }
    expect(request.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(request.correlationId).toBe('client-chosen-id');
    expect(headers).toEqual({ 'X-Request-Id': request.id, 'X-Correlation-Id': 'client-chosen-id' });
    // the log line shows both
    expect(JSON.parse(lines[0]!)).toMatchObject({
      requestId: request.id,
      correlationId: 'client-chosen-id',
      path: '/api/x',
      instance: 'app-2',
    });
  });

  it.each([
    [undefined, null],
    ['', null],
    ['<>"\r\n', null],
    ['abc def\u202e', 'abcdef'],
    ['x'.repeat(500), 'x'.repeat(64)],
    [['first-1234', 'second'], 'first-1234'],
  ])('cleans %j to %j', (header, expected) => {
    expect(correlationIdOf(header)).toBe(expected);
  });
});
