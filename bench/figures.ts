/**
 * Measured figures the way the project shows numbers (Vietnamese): dot thousands, comma
 * decimals — 1.234,5 · 0,96 · 6.000. At most `digits` decimals, trailing zeros dropped
 * (`zeros: 'keep'` keeps them: 1,20). Plain string arithmetic like src/formats, no Intl.
 */
export function fmt(n: number, digits = 1, zeros: 'drop' | 'keep' = 'drop'): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole = '0', fixed = ''] = Math.abs(n).toFixed(digits).split('.');
  const decimals = zeros === 'keep' ? fixed : fixed.replace(/0+$/, '');
  const negative = n < 0 && /[1-9]/.test(whole + decimals);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}
