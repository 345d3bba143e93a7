/** Bad input to the engine: never a silent number. Names what is wrong and where. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { entryId?: string; judgeId?: string; criterion?: string; field?: string } = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
