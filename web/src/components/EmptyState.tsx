import type { ComponentChildren } from 'preact';

/** "Nothing here yet": one sentence, and what to do about it when there is something to do. */
export function EmptyState(props: { children: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="muted">{props.children}</p>
      {props.action && <p class="actions">{props.action}</p>}
    </div>
  );
}
