// Words of the interactions screens.

/** The contest steps in which counts can be written. */
export const IMPORT_PHASES = ['published', 'judging'];

export const SOURCE_LABELS: Record<string, string> = {
  template_csv: 'tệp mẫu CSV',
  template_xlsx: 'tệp mẫu Excel',
  insights_csv: 'Facebook Insights (CSV)',
  insights_xlsx: 'Facebook Insights (Excel)',
  form: 'nhập tay',
  graph: 'Graph API (tự động)',
};
export const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? s;

export const FLAG_LABELS: Record<string, string> = {
  burst: 'Tăng đột biến',
  round_number: 'Số tròn',
  drop: 'Giảm',
};
