import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';

/**
 * An API error as an alert: the message, then the details that add something (conflicts
 * repeat the message as their one detail). Fields whose messages stand next to their inputs
 * (`inline`) are left out, so no message is read twice.
 */
export function ApiErrorBox({ error, inline = [] }: { error: unknown; inline?: string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div class="alert alert-error" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  // The message already stands next to its input: no second copy above the form.
  if (error.details.some((d) => inline.includes(d.field) && d.message === error.message))
    return null;
  const extra = error.details.filter(
    (d) => d.message && d.message !== error.message && !inline.includes(d.field),
  );
  return (
    <div class="alert alert-error" role="alert" data-code={error.code}>
      <p class="alert-title">{error.message}</p>
      {extra.length > 0 && (
        <ul class="alert-list">
          {extra.slice(0, 50).map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
          {extra.length > 50 && <li>… và {extra.length - 50} lỗi khác.</li>}
        </ul>
      )}
    </div>
  );
}

/** A message checked before anything is sent (a date typed wrongly, a missing reason). */
export function LocalError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert">
      {message}
    </div>
  );
}

/** What just succeeded, announced politely. */
export function OkBox({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="alert alert-ok" role="status">
      {message}
    </div>
  );
}

interface NoticeProps {
  message: string | null;
  /** more than the message: what to do, the items concerned */
  children?: ComponentChildren;
  testId?: string;
}

type Tone = 'problem' | 'warning';

/** A notice with a title line: a problem is an alert, a warning is announced politely. */
function Notice({ message, children, testId, tone }: NoticeProps & { tone: Tone }) {
  if (!message) return null;
  return (
    <div
      class={tone === 'problem' ? 'alert alert-error' : 'alert'}
      role={tone === 'problem' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <p class="alert-title">{message}</p>
      {children}
    </div>
  );
}

/** An action the server carried out but that did not succeed (a reading Facebook refused). */
export const ProblemBox = (props: NoticeProps) => <Notice {...props} tone="problem" />;

/** What succeeded only in part (some posts left unread). */
export const WarnBox = (props: NoticeProps) => <Notice {...props} tone="warning" />;
