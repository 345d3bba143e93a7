/** Which column holds what, recognised from Vietnamese or English headers. */
export type CountField = 'teamNumber' | 'post' | 'reactions' | 'shares' | 'comments';

const ALIASES: Record<CountField, string[]> = {
  teamNumber: ['doi so', 'so doi', 'doi', 'ma doi', 'team', 'team number', 'team no'],
  post: [
    'dia chi bai dang',
    'bai dang',
    'lien ket',
    'duong dan',
    'link',
    'url',
    'post',
    'permalink',
    'post permalink',
    'post id',
    'post link',
    'ma bai dang',
    'id bai dang',
  ],
  reactions: [
    'luot thich',
    'thich',
    'luot cam xuc',
    'cam xuc',
    'luot bay to cam xuc',
    'reactions',
    'likes',
    'like',
    'post reactions',
    'reactions, comments and shares - reactions',
  ],
  shares: ['luot chia se', 'chia se', 'shares', 'share', 'post shares'],
  comments: ['binh luan', 'luot binh luan', 'comments', 'comment', 'post comments'],
};

/** Lower case, no diacritics, single spaces: "Lượt thích" → "luot thich". */
export function foldHeader(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_:()*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fieldOfHeader(raw: string): CountField | null {
  const folded = foldHeader(raw);
  for (const [field, names] of Object.entries(ALIASES) as [CountField, string[]][]) {
    if (names.includes(folded)) return field;
  }
  return null;
}

/** Maps header cells to fields; a header row needs a count column and a way to find the entry. */
export function mapHeader(cells: string[]): Map<CountField, number> | null {
  const map = new Map<CountField, number>();
  cells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && !map.has(field)) map.set(field, index);
  });
  const identifies = map.has('teamNumber') || map.has('post');
  const counts = map.has('reactions') || map.has('shares');
  return identifies && counts ? map : null;
}

/**
 * A count as organisers type it: "1234", "1.234" (Vietnamese thousands), "1,234", "1 234".
 * Returns null for anything else (negative, decimal, text).
 */
export function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  const text = raw.trim().replace(/[\s\u00a0]/g, '');
  if (text === '') return null;
  if (/^\d+$/.test(text)) return safe(Number(text));
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) {
    const sep = text.match(/[.,]/)![0];
    if (text.split(sep).length - 1 === (text.match(/[.,]/g) ?? []).length)
      return safe(Number(text.replace(/[.,]/g, '')));
  }
  return null;
}

function safe(n: number): number | null {
  return Number.isSafeInteger(n) ? n : null;
}
