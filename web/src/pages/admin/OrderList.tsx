/**
 * A list the organisers put in order with ↑ / ↓ buttons (tie decisions, the final's running
 * order). Each button names the item it moves, for screen readers.
 */
export function OrderList(props: {
  items: string[];
  onChange: (items: string[]) => void;
  name: (id: string) => string;
  upLabel: (name: string) => string;
  downLabel: (name: string) => string;
}) {
  const { items } = props;
  const move = (i: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    props.onChange(next);
  };
  return (
    <ol class="order-list">
      {items.map((id, i) => (
        <li key={id}>
          <span>{props.name(id)}</span>
          <span class="actions">
            <button
              type="button"
              class="btn"
              disabled={i === 0}
              aria-label={props.upLabel(props.name(id))}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              class="btn"
              disabled={i === items.length - 1}
              aria-label={props.downLabel(props.name(id))}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
