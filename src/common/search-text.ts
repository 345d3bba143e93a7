/**
 * Searching Vietnamese names the way people type them: "nguyen van an" finds
 * "Nguyễn Văn An". Both sides are folded the same way — NFC, Vietnamese letters to their base
 * Latin letter (đ → d), lower case — the term here, the column in SQL with `translate`, which
 * needs no extension (unaccent is not installed for the app's role) and no locale.
 */
const GROUPS: [base: string, marked: string][] = [
  ['a', 'àáảãạăằắẳẵặâầấẩẫậ'],
  ['e', 'èéẻẽẹêềếểễệ'],
  ['i', 'ìíỉĩị'],
  ['o', 'òóỏõọôồốổỗộơờớởỡợ'],
  ['u', 'ùúủũụưừứửữự'],
  ['y', 'ỳýỷỹỵ'],
  ['d', 'đ'],
];
const MARKED = GROUPS.map(([, marked]) => marked).join('');
const BASE = GROUPS.map(([base, marked]) => base.repeat([...marked].length)).join('');
const FROM = MARKED + MARKED.toUpperCase();
const TO = BASE + BASE;

const FOLD = new Map([...FROM].map((ch, i) => [ch, TO[i]!]));

export function foldText(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => FOLD.get(ch) ?? ch)
    .join('')
    .toLowerCase();
}

/** The SQL expression folding `column` like `foldText` (letters outside the table stay). */
export function foldedSql(column: string): string {
  return `lower(translate(normalize(coalesce(${column}, ''), NFC), '${FROM}', '${TO}'))`;
}

/** A LIKE pattern matching the folded term anywhere (`%` and `_` typed by people are literal). */
export function containsPattern(term: string): string {
  return `%${foldText(term.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
