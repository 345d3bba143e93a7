import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * A modal confirmation that says what will happen before it happens. The native <dialog>
 * opened with showModal() traps the focus (the page behind is inert), Esc cancels, and the
 * focus goes back to the button that opened it. "Quay lại" comes first, so Enter on a
 * freshly opened dialog never confirms by accident.
 */
export function ConfirmDialog(props: {
  open: boolean;
  /** A question naming the action: "Nộp phiếu chấm?" */
  title: string;
  /** The confirming button's words: "Xác nhận nộp". */
  confirm: string;
  cancel?: string;
  tone?: 'primary' | 'danger';
  busy?: boolean;
  class?: string;
  onConfirm: () => void;
  onClose: () => void;
  /** What will happen, and what cannot be undone. */
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class={props.class ? `dialog ${props.class}` : 'dialog'}
      aria-labelledby={titleId}
      onClose={() => props.open && props.onClose()}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={props.onClose}>
          {props.cancel ?? 'Quay lại'}
        </button>
        <button
          type="button"
          class={props.tone === 'danger' ? 'btn btn-danger-solid' : 'btn btn-primary'}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
