import {
  arrayOf,
  bool,
  contestRowColumns,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  num,
  object,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_STATUSES } from '../contests/contest-status';
import { UPLOAD_KINDS } from '../uploads/upload.entity';
import { CHECKLIST_PROBLEMS } from './checklist';
import { ENTRY_STATUSES } from './entry.entity';

/** A ready file attached to an entry. */
export const EntryFileView = named(
  'EntryFileView',
  object({
    id: uuid,
    originalName: str('The name on the team’s computer (display only)'),
    downloadName: str(
      'The name to save it under: cleaned (NFC, no control or bidi characters) with the extension of the type sniffed from the content',
    ),
    size: { ...int, description: 'Bytes' },
    mime: nullable(str()),
    detectedType: nullable(str('Decided from the content, e.g. mp4, pdf, docx')),
    sha256: nullable(str()),
    durationSeconds: nullable({ ...num, description: 'Video length (ffprobe); null when unknown' }),
  }),
);

const entryProperties = {
  ...contestRowColumns,
  teamId: uuid,
  status: enumOf(ENTRY_STATUSES),
  name: str('Tên gọi'),
  context: str('Bối cảnh ra đời'),
  implementation: str('Quá trình triển khai áp dụng'),
  benefits: str('Lợi ích mang lại'),
  category: str('Lĩnh vực'),
  originalityDeclaredAt: nullable(dateTime),
  videoUploadId: nullable(uuid),
  outlineUploadId: nullable(uuid),
  returnReasons: arrayOf(str()),
  duplicateFlag: nullable(str('The organisers’ duplicate suspicion; null for teams and judges')),
  postUrl: nullable(str('Address of the entry’s post on the contest fanpage')),
  submittedAt: nullable(dateTime),
  publishedAt: nullable(dateTime),
  version: int,
  teamNumber: int,
  teamName: str(),
  video: nullable(EntryFileView),
  outline: nullable(EntryFileView),
};

export const EntryView = named('EntryView', object(entryProperties));

export const ModerationChecklistView = named(
  'ModerationChecklistView',
  object({
    videoReady: bool,
    outlineReady: bool,
    infoComplete: bool,
    missing: arrayOf(str()),
    originalityDeclared: bool,
    withinLength: nullable({
      ...bool,
      description: 'null when the duration is unknown or the rules set no limits',
    }),
    duplicateFlag: nullable(str('The organisers’ duplicate suspicion; null for teams and judges')),
    sameFileAs: arrayOf(
      object(
        { entryId: uuid, teamNumber: int, kind: enumOf(UPLOAD_KINDS) },
        { description: 'Another entry holding a byte-identical file (same SHA-256)' },
      ),
    ),
  }),
);

export const ModerationItemView = named(
  'ModerationItemView',
  object({
    ...entryProperties,
    checklist: ModerationChecklistView,
    problems: arrayOf(enumOf(CHECKLIST_PROBLEMS)),
  }),
);

const entryRef = { entryId: uuid, teamNumber: int, teamName: str() };

export const BulkApproveView = named(
  'BulkApproveView',
  object({
    approved: arrayOf(object(entryRef)),
    blocked: arrayOf(
      object(
        { ...entryRef, reasons: arrayOf(str('Vì sao chưa duyệt được (tiếng Việt)')) },
        { description: 'Left as it was: fails the checklist or is not awaiting review' },
      ),
    ),
  }),
);

export const PostUrlImportView = named(
  'PostUrlImportView',
  object({
    committed: bool,
    rows: arrayOf(
      object({
        line: int,
        ...entryRef,
        postUrl: str(),
        previous: nullable(str()),
        change: enumOf(['new', 'replace', 'same']),
      }),
    ),
    errors: arrayOf(
      object({
        line: { ...int, description: '0 for the text as a whole' },
        field: enumOf(['line', 'team', 'postUrl', 'rows', 'text']),
        code: str(),
        message: str('Dòng 3: …'),
      }),
    ),
    counts: object({ new: int, replace: int, same: int }),
    stillMissing: arrayOf(object(entryRef)),
  }),
);

export const EntryReviewView = named(
  'EntryReviewView',
  object({
    id: uuid,
    entryId: uuid,
    decision: enumOf(['approve', 'return']),
    reasons: arrayOf(str()),
    checklist: nullable(ModerationChecklistView),
    reviewerId: nullable(uuid),
    createdAt: dateTime,
  }),
);

export const PublishAllView = named(
  'PublishAllView',
  object({
    publishedAt: dateTime,
    published: { ...int, description: 'Entries published' },
  }),
);

export const PublicContestView = named(
  'PublicContestView',
  object({ slug: str(), name: str(), status: enumOf(CONTEST_STATUSES) }),
);

export const PublicEntryFileView = named(
  'PublicEntryFileView',
  object({
    id: uuid,
    fileName: str('A neutral download name (the team’s own file name is not published)'),
    size: { ...int, description: 'Bytes' },
    mime: nullable(str()),
    durationSeconds: nullable({ ...num, description: 'Video length; null when unknown' }),
  }),
);

export const PublicEntryView = named(
  'PublicEntryView',
  object({
    id: uuid,
    teamNumber: int,
    teamName: str(),
    name: str(),
    context: str(),
    implementation: str(),
    benefits: str(),
    category: str(),
    postUrl: nullable(str()),
    publishedAt: dateTime,
    video: nullable(PublicEntryFileView),
    outline: nullable(PublicEntryFileView),
  }),
);

export const PublishedEntriesView = named(
  'PublishedEntriesView',
  object({
    contest: object({
      id: uuid,
      slug: str(),
      name: str(),
      fanpageUrl: nullable(str()),
      status: enumOf(CONTEST_STATUSES),
      finalAt: { ...nullable(dateTime), description: 'When the final round takes place' },
      finalVenue: { ...nullable(str()), description: 'Where the final round takes place' },
    }),
    entries: arrayOf(PublicEntryView),
  }),
);
