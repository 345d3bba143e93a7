import { Field, FieldError } from '../../components/Field';
import { CATEGORIES, type EntryFields, fieldId } from './model';

interface Props {
  fields: EntryFields;
  onChange: (patch: Partial<EntryFields>) => void;
  /** Field → message (missing on submission, or invalid on save). */
  errors: Record<string, string>;
  disabled: boolean;
  saving: boolean;
  dirty: boolean;
  savedAt: Date | null;
  originalityCutoff: string | null;
  onSave: () => void;
  saveError: string | null;
}

/** Section 1: what the model is (tên gọi, bối cảnh, triển khai, lợi ích, lĩnh vực, cam kết). */
export function EntryForm(props: Props) {
  const { fields, errors, disabled } = props;
  const categories =
    fields.category && !CATEGORIES.includes(fields.category)
      ? [...CATEGORIES, fields.category]
      : CATEGORIES;
  return (
    <form
      class="card tp-section"
      aria-labelledby="tp-info-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <h2 id="tp-info-title">
        <span class="tp-step" aria-hidden="true">
          1
        </span>
        Thông tin mô hình, sáng kiến
      </h2>
      <fieldset class="tp-fieldset" disabled={disabled}>
        <legend class="visually-hidden">Thông tin mô hình, sáng kiến</legend>
        <Field
          {...teamField('name')}
          label="Tên gọi"
          required
          hint="Tên ngắn gọn của mô hình, sáng kiến. Ví dụ: «Chính quyền 24 giờ»."
          error={errors.name}
        >
          {(control) => (
            <input
              {...control}
              name="name"
              maxLength={300}
              value={fields.name}
              aria-required="true"
              onInput={(e) => props.onChange({ name: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          {...teamField('category')}
          label="Lĩnh vực"
          hint="Lĩnh vực cải cách hành chính mà mô hình hướng tới."
          error={errors.category}
        >
          {(control) => (
            <select
              {...control}
              name="category"
              value={fields.category}
              onChange={(e) => props.onChange({ category: e.currentTarget.value })}
            >
              <option value="">— Chọn lĩnh vực —</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextArea
          field="context"
          label="Bối cảnh ra đời"
          hint="Thực trạng, khó khăn của đơn vị khi chưa có mô hình; lý do xây dựng mô hình."
          {...props}
        />
        <TextArea
          field="implementation"
          label="Quá trình triển khai áp dụng"
          hint="Mô hình được triển khai từ khi nào, ở đâu, bằng cách nào; các bước thực hiện."
          {...props}
        />
        <TextArea
          field="benefits"
          label="Lợi ích mang lại"
          hint="Kết quả cụ thể cho người dân, doanh nghiệp và cơ quan (nêu số liệu nếu có)."
          {...props}
        />
        <div class={`tp-declare${errors.originalityDeclared ? ' has-error' : ''}`}>
          <label class="tp-check">
            <input
              id={fieldId('originalityDeclared')}
              type="checkbox"
              name="originalityDeclared"
              checked={fields.originalityDeclared}
              aria-describedby={
                errors.originalityDeclared ? 'tp-originalityDeclared-error' : undefined
              }
              aria-invalid={errors.originalityDeclared ? true : undefined}
              onChange={(e) => props.onChange({ originalityDeclared: e.currentTarget.checked })}
            />
            <span>
              Đội cam kết mô hình, sáng kiến là mới, không trùng với mô hình đã được áp dụng tại địa
              phương
              {props.originalityCutoff ? ` trước ngày ${props.originalityCutoff}` : ''}, và thông
              tin đã khai là đúng sự thật.
            </span>
          </label>
          <FieldError id="tp-originalityDeclared-error" message={errors.originalityDeclared} />
        </div>
      </fieldset>
      {props.saveError && (
        <p class="alert alert-error" role="alert">
          {props.saveError}
        </p>
      )}
      {!disabled && (
        <div class="tp-save-row">
          <button type="submit" class="btn btn-primary" disabled={props.saving}>
            {props.saving ? 'Đang lưu…' : 'Lưu bản nháp'}
          </button>
          <span class="muted small" aria-live="polite">
            {props.dirty
              ? 'Có thay đổi chưa lưu.'
              : props.savedAt
                ? `Đã lưu lúc ${props.savedAt.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' })}.`
                : ''}
          </span>
        </div>
      )}
    </form>
  );
}

/** The ids the team portal has always used: tp-name, tp-name-hint, tp-name-error. */
const teamField = (field: string) => ({
  id: fieldId(field),
  errorId: `tp-${field}-error`,
  class: 'tp-field',
});

function TextArea(
  props: Props & { field: 'context' | 'implementation' | 'benefits'; label: string; hint: string },
) {
  const { field } = props;
  const error = props.errors[field];
  const value = props.fields[field];
  return (
    <Field
      {...teamField(field)}
      label={props.label}
      hint={props.hint}
      required
      error={error}
      describedBy={`tp-${field}-count`}
    >
      {(control) => (
        <>
          <textarea
            {...control}
            name={field}
            rows={6}
            maxLength={20000}
            value={value}
            aria-required="true"
            onInput={(e) => props.onChange({ [field]: e.currentTarget.value })}
          />
          <span class="tp-count" id={`tp-${field}-count`}>
            {value.length.toLocaleString('vi-VN')} / 20.000 ký tự
          </span>
        </>
      )}
    </Field>
  );
}
