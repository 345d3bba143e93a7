import type { ComponentChildren } from 'preact';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger';

const TONE_CLASS: Record<Tone, string> = {
  neutral: 'badge',
  ok: 'badge badge-ok',
  warn: 'badge badge-warn',
  danger: 'badge badge-danger',
};

/** A short state in a coloured pill; the colour repeats the words, never replaces them. */
export function StatusBadge(props: {
  tone?: Tone;
  children: ComponentChildren;
  class?: string;
  testId?: string;
}) {
  const cls = TONE_CLASS[props.tone ?? 'neutral'];
  return (
    <span class={props.class ? `${cls} ${props.class}` : cls} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

/** A status from a table of labels and tones (entry, contest, version, scorecard states). */
export function statusBadgeOf<S extends string>(table: Record<S, { label: string; tone: Tone }>) {
  return function Badge(props: { status: S; class?: string; testId?: string }) {
    const s = table[props.status] ?? { label: props.status, tone: 'neutral' as Tone };
    return (
      <StatusBadge tone={s.tone} class={props.class} testId={props.testId}>
        {s.label}
      </StatusBadge>
    );
  };
}
