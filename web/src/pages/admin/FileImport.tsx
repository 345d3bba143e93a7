import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Field, fieldError } from '../../components/Field';
import { ApiErrorBox, LocalError } from '../../components/feedback';
import { download } from '../../files';
import { useAction } from '../../hooks';

/**
 * The parts every "upload a file, preview it, then commit it" panel of the console shares
 * (bulk registration, interaction counts): the template downloads, the file form asking for
 * the preview, and the chosen file, cleared after a commit.
 */

/** Excel and CSV files, as the spreadsheet readers on the server take them. */
export const SPREADSHEET_ACCEPT =
  '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "Tải tệp mẫu Excel", "Tải tệp mẫu CSV": `${base}/template.<ext>` saved as `<fileStem>.<ext>`. */
export function TemplateButtons(props: {
  base: string;
  fileStem: string;
  formats: readonly (readonly ['xlsx' | 'csv', string])[];
}) {
  const templates = useAction();
  return (
    <>
      <p class="actions">
        {props.formats.map(([ext, label]) => (
          <button
            key={ext}
            type="button"
            class="btn"
            disabled={templates.busy}
            onClick={() =>
              void templates.run(() =>
                download(`${props.base}/template.${ext}`, `${props.fileStem}.${ext}`),
              )
            }
          >
            Tải tệp mẫu {label}
          </button>
        ))}
      </p>
      <ApiErrorBox error={templates.error} />
    </>
  );
}

/** The file picked for the preview; `clear()` empties the input after a commit. */
export function useChosenFile() {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const clear = () => {
    setFile(null);
    setInputKey((k) => k + 1);
  };
  return { file, setFile, inputKey, clear };
}

/**
 * The form choosing a file and asking for its preview ("Xem trước"): the file field, then
 * `children` (more fields), the local and server errors (those of `inline` fields shown
 * beside them), and the button.
 */
export function FilePreviewForm(props: {
  id: string;
  label: string;
  inputKey: number;
  onFile: (file: File | null) => void;
  onSubmit: (e: Event) => void;
  action: ReturnType<typeof useAction>;
  localError: string | null;
  inline: string[];
  children?: ComponentChildren;
}) {
  const { action } = props;
  return (
    <form class="form import-form" onSubmit={props.onSubmit}>
      <Field id={props.id} label={props.label} error={fieldError(action.error, 'file')}>
        {(c) => (
          <input
            {...c}
            key={props.inputKey}
            type="file"
            name="file"
            accept={SPREADSHEET_ACCEPT}
            onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
          />
        )}
      </Field>
      {props.children}
      <LocalError message={props.localError} />
      <ApiErrorBox error={action.error} inline={props.inline} />
      <p class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {action.busy ? 'Đang đọc tệp…' : 'Xem trước'}
        </button>
      </p>
    </form>
  );
}
