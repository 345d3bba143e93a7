import { foldHeader } from '../spreadsheets/cell-values';

/** Which column holds what, recognised from Vietnamese or English headers. */
export type CountField = 'teamNumber' | 'post' | 'reactions' | 'shares' | 'comments' | 'takenAt';

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
  // When the counts were read, for a file holding several readings. Deliberately not "date"
  // or "time": the page's own exports have a publish-time column that means something else.
  takenAt: [
    'thoi diem',
    'thoi diem lay so lieu',
    'thoi gian lay so lieu',
    'ngay lay so lieu',
    'ngay gio lay so lieu',
    'lay luc',
    'lay so lieu luc',
    'taken at',
    'snapshot time',
  ],
};

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

/** The largest count accepted (a Facebook post will not get a billion interactions). */
export const MAX_COUNT = 1_000_000_000;
