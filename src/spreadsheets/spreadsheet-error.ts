/** A spreadsheet that cannot be read; `read-spreadsheet.ts` turns it into a DomainError. */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
