import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { useAnnounce } from './announcer';

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

interface NoticeProps {
  message: string | null;
  /** more than the message: what to do, the items concerned */
  children?: ComponentChildren;
  testId?: string;
}

/**
 * What just succeeded, said through the app's live region (see announcer.tsx). The box itself
 * is no live region: one inserted with its text already in it is often not read, and the words
 * would otherwise be read twice. With details (children) the message is the box's title, and
 * only the message is said.
 */
export function OkBox({ message, children, testId }: NoticeProps) {
  useAnnounce(message, () => message);
  if (!message) return null;
  if (children === undefined)
    return (
      <div class="alert alert-ok" data-testid={testId}>
        {message}
      </div>
    );
  return (
    <div class="alert alert-ok" data-testid={testId}>
      <p class="alert-title">{message}</p>
      {children}
    </div>
  );
}

/** An action the server carried out but that did not succeed (a reading Facebook refused). */
export function ProblemBox({ message, children, testId }: NoticeProps) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert" data-testid={testId}>
      <p class="alert-title">{message}</p>
      {children}
    </div>
  );
}

/**
 * What succeeded only in part (some posts left unread), or what needs doing soon: said through
 * the live region like OkBox, the whole box (the message, what to do, the items concerned) as a
 * status region would have read it.
 */
export function WarnBox({ message, children, testId }: NoticeProps) {
  const box = useRef<HTMLDivElement>(null);
  useAnnounce(message, () => box.current?.innerText);
  if (!message) return null;
  return (
    <div class="alert" data-testid={testId} ref={box}>
      <p class="alert-title">{message}</p>
      {children}
    </div>
  );
}
