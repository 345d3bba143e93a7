import { foldHeader } from '../spreadsheets/cell-values';

/** Which column holds what, recognised from Vietnamese or English headers. */
export type CountField = 'teamNumber' | 'post' | 'reactions' | 'shares' | 'comments' | 'takenAt';

/**
 * The header names of each field, compared without case or diacritics; the first, as our
 * templates write it, names the column in messages.
 */
const HEADERS: Record<CountField, string[]> = {
  teamNumber: ['Đội số', 'so doi', 'doi', 'ma doi', 'team', 'team number', 'team no'],
  post: [
    'Địa chỉ bài đăng',
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
    'Lượt thích',
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
  shares: ['Lượt chia sẻ', 'chia se', 'shares', 'share', 'post shares'],
  comments: ['Bình luận', 'luot binh luan', 'comments', 'comment', 'post comments'],
  // When the counts were read, for a file holding several readings. Deliberately not "date"
  // or "time": the page's own exports have a publish-time column that means something else.
  takenAt: [
    'Thời điểm',
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

const FOLDED = Object.entries(HEADERS).map(([field, names]) => ({
  field: field as CountField,
  names: names.map(foldHeader),
}));

/** The column's name in messages: "Lượt thích". */
export const columnLabel = (field: CountField) => HEADERS[field][0]!;

export function fieldOfHeader(raw: string): CountField | null {
  const folded = foldHeader(raw);
  return FOLDED.find((f) => f.names.includes(folded))?.field ?? null;
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
