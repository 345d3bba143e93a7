import { useState } from 'preact/hooks';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { count, dateTime } from '../../../format';
import { useAction } from '../../../hooks';
import { sendForm } from '../../../files';
import { FilePreviewForm, TemplateButtons, useChosenFile } from '../FileImport';
import { parseViDate, statusLabel, viLocalText, vietnamIso, vietnamLocal } from '../lib';
import type { Contest, Entry, ImportCommit, ImportPreview } from '../types';
import { IMPORT_PHASES } from './labels';
import { PreviewView } from './Preview';

const TEMPLATES = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
] as const;

/**
 * The import of a counts file: templates to fill in, a preview of what the file would write
 * (matched rows, errors, warnings, the points it would give), then the commit, all rows or
 * none.
 */
export function ImportPanel(props: {
  contest: Contest;
  entryOf: Map<string, Entry>;
  onCommitted: () => Promise<void>;
}) {
  const { contest } = props;
  const base = `/contests/${contest.id}/interactions`;
  const chosen = useChosenFile();
  const { file } = chosen;
  const [takenAt, setTakenAt] = useState(() => viLocalText(vietnamLocal(new Date())));
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const previewAction = useAction();
  const commitAction = useAction();
  const canImport = IMPORT_PHASES.includes(contest.status);

  // Left empty for a file whose "Thời điểm" column gives the time of each row.
  const takenLocal = takenAt.trim() ? parseViDate(takenAt) : null;
  const form = () => {
    const fd = new FormData();
    if (takenLocal) fd.append('takenAt', vietnamIso(takenLocal));
    fd.append('file', file!, file!.name);
    return fd;
  };
  const check = () => {
    if (!file) return 'Chọn tệp CSV hoặc Excel (.xlsx) để nhập.';
    if (takenAt.trim() && !takenLocal)
      return 'Thời điểm lấy số liệu viết theo dạng ngày/tháng/năm giờ:phút, ví dụ 30/08/2022 17:00.';
    return null;
  };
  const doPreview = (e: Event) => {
    e.preventDefault();
    const problem = check();
    setLocalError(problem);
    if (problem) return;
    commitAction.reset();
    setPreview(null);
    void previewAction.run(async () => {
      setPreview(await sendForm<ImportPreview>(`${base}/imports/preview`, form()));
    });
  };
  const doCommit = () =>
    void commitAction.run(async () => {
      const res = await sendForm<ImportCommit>(`${base}/imports`, form());
      setPreview(null);
      chosen.clear();
      await props.onCommitted();
      if (!res.created) return 'Tệp này đã được nhập trước đó; không tạo thêm bản số liệu mới.';
      return res.snapshotIds.length > 1
        ? `Đã ghi ${res.snapshotIds.length} lần lấy số liệu: ${count(res.rows)} dòng.`
        : `Đã ghi số liệu lấy lúc ${dateTime(preview!.takenAt)}: ${res.rows ?? 0} sản phẩm.`;
    });

  return (
    <Section title="Nhập lượt tương tác từ tệp" id="nhap-tep">
      <p>
        Tải tệp mẫu (mỗi sản phẩm đã đăng tải một dòng, có sẵn địa chỉ bài đăng), điền số lượt
        thích, chia sẻ, bình luận đọc trên fanpage, rồi tải lên để <strong>xem trước</strong>. Chỉ
        khi không còn lỗi mới ghi được; mọi dòng được ghi cùng lúc hoặc không dòng nào.
      </p>
      <TemplateButtons base={base} fileStem="mau-nhap-luot-tuong-tac" formats={TEMPLATES} />
      {!canImport && (
        <p class="alert">
          Hội thi đang ở bước “{statusLabel(contest.status)}”: số liệu chỉ được ghi sau khi đăng tải
          đồng loạt và trong thời gian chấm sơ khảo. Vẫn có thể xem trước tệp.
        </p>
      )}
      <FilePreviewForm
        id="import-file"
        label="Tệp số liệu (CSV hoặc Excel .xlsx)"
        inputKey={chosen.inputKey}
        onFile={(picked) => {
          chosen.setFile(picked);
          setPreview(null);
        }}
        onSubmit={doPreview}
        action={previewAction}
        localError={localError}
        inline={['file', 'takenAt']}
      >
        <Field
          id="import-taken"
          label="Thời điểm lấy số liệu trên fanpage (giờ Việt Nam, dd/mm/yyyy hh:mm)"
          hint="Để trống nếu tệp có cột “Thời điểm” ghi giờ lấy số liệu của từng dòng (một tệp gồm nhiều lần lấy số liệu)."
          error={fieldError(previewAction.error, 'takenAt')}
        >
          {(c) => (
            <input
              {...c}
              name="takenAt"
              inputMode="numeric"
              placeholder="30/08/2022 17:00"
              value={takenAt}
              onInput={(e) => {
                setTakenAt(e.currentTarget.value);
                setPreview(null);
              }}
            />
          )}
        </Field>
      </FilePreviewForm>
      <OkBox message={commitAction.ok} />
      {preview && (
        <PreviewView
          preview={preview}
          fileName={file?.name ?? ''}
          entryOf={props.entryOf}
          maxPoints={contest.rules.interaction.maxPoints}
        />
      )}
      {preview && (
        <div class="commit-bar">
          <ApiErrorBox error={commitAction.error} />
          <button
            type="button"
            class="btn btn-primary"
            disabled={!preview.canCommit || !canImport || commitAction.busy}
            onClick={doCommit}
          >
            {preview.existingSnapshotId
              ? 'Tệp đã được nhập'
              : preview.readings.length > 1
                ? `Ghi ${preview.readings.length} lần lấy số liệu (${count(preview.totals.matched)} dòng)`
                : `Ghi số liệu (${count(preview.totals.matched)} sản phẩm)`}
          </button>
          {!preview.canCommit && (
            <span class="muted">
              {preview.totals.errors
                ? 'Sửa các lỗi rồi tải lại tệp để ghi.'
                : 'Không có dòng nào khớp với sản phẩm đã đăng tải.'}
            </span>
          )}
        </div>
      )}
    </Section>
  );
}
