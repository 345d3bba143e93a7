/**
 * Identity of a person inside one contest: full name + unit, folded so that case, spacing and
 * diacritics do not make "Nguyễn Văn A" and "nguyen van  a" two different people.
 */
export function personKey(fullName: string, unitName: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  return `${fold(fullName)}|${fold(unitName)}`;
}
