/**
 * The printable documents of a frozen results version, in Vietnamese: the minutes ("biên bản"),
 * the list attached to the award decision, and one certificate per award. All three are A4
 * PDFs with an embedded Vietnamese font and carry the version number and fingerprint.
 */
export { renderCertificatesPdf } from './pdf-certificates';
export type { PdfOptions } from './pdf-format';
export { renderMinutesPdf } from './pdf-minutes';
export { renderResultsListPdf } from './pdf-results-list';
