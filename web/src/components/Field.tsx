import type { ComponentChildren, Ref } from 'preact';
import { ApiError } from '../api';

/** The attributes a field gives its control: the id its label points to, and its messages. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * One form field in the GOV.UK Design System's way: label, hint, the control, and the error
 * beside it. The control is tied to the hint and the error by `aria-describedby` and marked
 * `aria-invalid` while the error stands; give the control the props it is handed.
 *
 *   <Field id="unit-name" label="Tên đơn vị" error={fieldError(action.error, 'name')}>
 *     {(control) => <input {...control} value={name} onInput={…} />}
 *   </Field>
 */
export function Field(props: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | null;
  required?: boolean;
  /** The label is read by screen readers only (table cells that have a column header). */
  hideLabel?: boolean;
  /** Defaults: `${id}-hint`, `${id}-err`. */
  hintId?: string;
  errorId?: string;
  /** Ids of other texts that describe the control (a character count). */
  describedBy?: string;
  class?: string;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const hintId = props.hintId ?? `${props.id}-hint`;
  const errorId = props.errorId ?? `${props.id}-err`;
  const describedBy = [
    props.hint ? hintId : null,
    props.error ? errorId : null,
    props.describedBy ?? null,
  ].filter(Boolean);
  const classes = ['field', props.class, props.error ? 'has-error' : null].filter(Boolean);
  return (
    <div class={classes.join(' ')}>
      <label for={props.id} class={props.hideLabel ? 'sr-only' : undefined}>
        {props.label}
        {props.required && (
          <span class="field-req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {props.hint && (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.children({
        id: props.id,
        'aria-describedby': describedBy.length ? describedBy.join(' ') : undefined,
        'aria-invalid': props.error ? true : undefined,
      })}
      <FieldError id={errorId} message={props.error} />
    </div>
  );
}

/**
 * A Field holding a text area: reasons (a correction, a return, a tie decision — they go to
 * the audit log), notes, descriptions. `required` and `minLength` are the textarea's own.
 */
export function TextAreaField(props: {
  id: string;
  label: ComponentChildren;
  value: string;
  onValue: (text: string) => void;
  hint?: ComponentChildren;
  error?: string | null;
  required?: boolean;
  minLength?: number;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <textarea
          {...control}
          value={props.value}
          required={props.required}
          minLength={props.minLength}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The message beside a control (for controls laid out by hand: checkboxes, file pickers). */
export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** The server's message for a field (also `rules.judging.step` etc.), if it named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.field === field)?.message;
}

export interface SummaryItem {
  /** The id of the control the link moves to. */
  target: string;
  text: string;
}

/**
 * The error summary at the top of a form: what went wrong, each problem a link that moves
 * the focus to its field. Give it a ref and focus it after a failed submission, so it is read
 * out at once (`role="alert"`).
 */
export function ErrorSummary(props: {
  title: ComponentChildren;
  items: SummaryItem[];
  /** Problems with no field to go to, listed as plain text. */
  extra?: string[];
  class?: string;
  summaryRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      class={`alert alert-error error-summary${props.class ? ` ${props.class}` : ''}`}
      role="alert"
      tabIndex={-1}
      ref={props.summaryRef}
    >
      <p class="alert-title">{props.title}</p>
      {props.items.length + (props.extra?.length ?? 0) > 0 && (
        <ul class="alert-list">
          {props.items.map((item) => (
            <li key={item.target}>
              <a href={`#${item.target}`} onClick={(e) => focusControl(e, item.target)}>
                {item.text}
              </a>
            </li>
          ))}
          {props.extra?.map((text, i) => (
            <li key={`extra-${i}`}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Moves to a field and focuses it (a link to an id alone would only scroll). */
export function focusControl(e: MouseEvent, id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  el.focus();
}
