import { EngineError } from '../engine/errors';

/**
 * An amount of đồng written out in Vietnamese, as decisions and minutes state it after the
 * figure: 18.000.000 → "Mười tám triệu đồng". Southern and official usage: "nghìn", "linh"
 * for a zero ten, "mốt", "tư" and "lăm" after a ten, and "không trăm" inside a number.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
/** Scales of successive groups of three digits; "tỷ" repeats for larger amounts. */
const SCALES = ['', 'nghìn', 'triệu'];

/** 0 < n < 1000; `inside`: a group after a larger one, so a zero hundred is spoken. */
function threeDigits(n: number, inside: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || inside) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[tens]!, 'mươi');
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push('mốt');
    else if (units === 4 && tens >= 2) words.push('tư');
    else if (units === 5 && tens >= 1) words.push('lăm');
    else words.push(DIGITS[units]!);
  }
  return words;
}

/** Below one tỷ (10^9): groups of nghìn and triệu. */
function belowBillion(n: number, inside: boolean): string[] {
  const words: string[] = [];
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  groups.forEach((group, i) => {
    if (group === 0) return;
    words.push(...threeDigits(group, inside || words.length > 0));
    const scale = SCALES[2 - i]!;
    if (scale) words.push(scale);
  });
  return words;
}

function spell(n: number, inside: boolean): string[] {
  if (n < 1_000_000_000) return belowBillion(n, inside);
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  const words = [...spell(billions, inside), 'tỷ'];
  if (rest > 0) words.push(...belowBillion(rest, true));
  return words;
}

/** Whole đồng → "Mười tám triệu đồng"; 0 → "Không đồng". */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new EngineError(
      'NOT_AN_INTEGER',
      `Số tiền phải là số nguyên không âm: ${String(amount)}.`,
    );
  const words = amount === 0 ? ['không'] : spell(amount, false);
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
