import type { Ref } from 'preact';
import { ErrorSummary, focusControl } from '../../components/Field';
import {
  type EntryFields,
  type EntryStatus,
  type EntryView,
  fieldId,
  FIELD_LABELS,
  FIELD_ORDER,
} from './model';

/**
 * Step 4, beside the form: the checklist of the seven things an entry needs (each a link to
 * its field), the error summary after a refused submission, and the submit button.
 */
export function SubmitPanel(props: {
  fields: EntryFields;
  entry: EntryView | null;
  status: EntryStatus;
  errors: Record<string, string>;
  /** The refused submission's message; null when there is none to show. */
  failure: string | null;
  summaryRef: Ref<HTMLDivElement>;
  editable: boolean;
  lockedReason: string | null;
  busy: { submitting: boolean; saving: boolean; uploading: boolean };
  onSubmit: () => void;
}) {
  const { fields, entry, errors, busy } = props;
  const checklist = [
    ['name', !!fields.name.trim()],
    ['context', !!fields.context.trim()],
    ['implementation', !!fields.implementation.trim()],
    ['benefits', !!fields.benefits.trim()],
    ['video', !!entry?.video],
    ['outline', !!entry?.outline],
    ['originalityDeclared', fields.originalityDeclared],
  ] as const;
  const done = checklist.filter(([, ok]) => ok).length;
  const missing = FIELD_ORDER.filter((f) => errors[f]);
  return (
    <aside class="tp-aside" aria-labelledby="tp-submit-title">
      <div class="card tp-submit">
        <h2 id="tp-submit-title">
          <span class="tp-step" aria-hidden="true">
            4
          </span>
          Nộp sản phẩm
        </h2>
        <p class="tp-count-line">
          Hồ sơ đã có <strong>{done}</strong>/{checklist.length} mục
        </p>
        <progress class="tp-meter" max={checklist.length} value={done} aria-hidden="true" />
        <ul class="tp-checklist">
          {checklist.map(([field, ok]) => (
            <li key={field} class={ok ? 'is-ok' : errors[field] ? 'is-missing' : ''}>
              <span class="tp-tick" aria-hidden="true">
                {ok ? '✓' : '•'}
              </span>
              <a href={`#${fieldId(field)}`} onClick={(e) => focusControl(e, fieldId(field))}>
                {FIELD_LABELS[field]}
              </a>
              <span class="visually-hidden">{ok ? ': đã có' : ': chưa có'}</span>
            </li>
          ))}
        </ul>
        {props.failure && (
          <ErrorSummary
            class="tp-notice"
            summaryRef={props.summaryRef}
            title={props.failure}
            items={missing.map((f) => ({ target: fieldId(f), text: errors[f]! }))}
          />
        )}
        {/* kept in view at the panel's foot however long the checklist and the summary get */}
        <div class="tp-submit-foot">
          {props.editable ? (
            <>
              <button
                type="button"
                class="btn btn-primary tp-submit-btn"
                disabled={busy.submitting || busy.saving || busy.uploading}
                onClick={props.onSubmit}
              >
                {busy.submitting
                  ? 'Đang nộp…'
                  : props.status === 'returned'
                    ? 'Nộp lại sản phẩm'
                    : 'Nộp sản phẩm dự thi'}
              </button>
              <p class="muted small">
                {busy.uploading
                  ? 'Chờ tải lên xong tệp rồi mới nộp.'
                  : 'Sau khi nộp, đội không sửa được sản phẩm cho đến khi Ban tổ chức trả lại.'}
              </p>
            </>
          ) : (
            <p class="muted small">{props.lockedReason}</p>
          )}
        </div>
      </div>
    </aside>
  );
}
