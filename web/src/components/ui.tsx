import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api';
import { onLink } from '../router';

export function Link(props: { href: string; class?: string; children: ComponentChildren }) {
  return (
    <a href={props.href} class={props.class} onClick={onLink}>
      {props.children}
    </a>
  );
}

/** An error from the API (or anything else) as an alert people can read. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div class="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function Loading() {
  return (
    <p class="muted" aria-live="polite">
      Đang tải…
    </p>
  );
}

const SITE = 'Hội thi CCHC';

/**
 * The browser tab's title, most specific first: "Chấm điểm đội số 2 — Giám khảo — Hội thi
 * CCHC". Each screen names itself, so tabs, history and screen readers tell pages apart.
 */
export function useTitle(...parts: (string | null | undefined)[]) {
  const title = [...parts.filter(Boolean), SITE].join(' — ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export function Page(props: {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  /** The role's area, after the page's own title in the browser tab ("Giám khảo"). */
  area?: string;
}) {
  useTitle(props.title, props.area);
  return (
    <main class={props.wide ? 'page page-wide' : 'page'}>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}
