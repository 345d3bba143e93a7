/** Vietnamese display: 64,12 · 1.234,50 · 6.000.000 đ · 08/09/2022. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Points in hundredths → "64,12". */
export function formatPoints(h: number): string {
  const negative = h < 0;
  const abs = Math.abs(h);
  return `${negative ? '-' : ''}${groupThousands(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')}`;
}

/** Whole đồng → "6.000.000 đ". */
export function formatVnd(amount: number): string {
  const negative = amount < 0;
  return `${negative ? '-' : ''}${groupThousands(String(Math.abs(Math.trunc(amount))))} đ`;
}

const VN_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh: UTC+7, no daylight saving

function vietnamParts(value: string | Date) {
  const d = new Date(new Date(value).getTime() + VN_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
  };
}

/** "2022-09-08T01:00:00Z" → "08/09/2022" (Vietnam time). */
export function formatDateVi(value: string | Date): string {
  return vietnamParts(value).date;
}

/** → "08/09/2022 08:00" (Vietnam time). */
export function formatDateTimeVi(value: string | Date): string {
  const p = vietnamParts(value);
  return `${p.date} ${p.time}`;
}
