import type { ComponentChildren } from 'preact';

/** A card with a heading that names it for screen readers, and optional buttons beside it. */
export function Section(props: {
  title: string;
  children: ComponentChildren;
  id?: string;
  actions?: ComponentChildren;
}) {
  const headingId = `h-${props.id ?? props.title.replace(/\W+/g, '-')}`;
  return (
    <section class="card console-section" aria-labelledby={headingId} id={props.id}>
      <div class="section-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions && <div class="section-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}
