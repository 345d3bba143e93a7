import { type Column, DataTable } from '../../../components/DataTable';
import {
  getAt,
  type Json,
  ListError,
  NumField,
  type Path,
  type RulesCtx,
  TextField,
  useRules,
} from './fields';

const PRIZE_KINDS: Record<string, string> = {
  ranked: 'Theo thứ hạng',
  certificate: 'Giấy khen',
  side: 'Giải phụ',
  sponsor: 'Tài trợ',
};

/** The last column of an editable row: removes the row (the inputs then re-read the draft). */
function removeColumn(
  ctx: RulesCtx,
  base: Path,
  items: Json[],
  name: (item: Json) => string,
): Column<Json> {
  return {
    key: 'remove',
    header: 'Xóa',
    hiddenHeader: true,
    cell: (item, i) => (
      <button
        type="button"
        class="btn btn-small btn-danger"
        aria-label={name(item)}
        onClick={() => {
          ctx.set(
            base,
            items.filter((_, j) => j !== i),
          );
          ctx.remount();
        }}
      >
        Xóa
      </button>
    ),
  };
}

/**
 * A code for a new row that no other row has: codes ("novelty", "khuyen_khich") are the
 * rules' internal keys, written by the platform and never shown to or typed by organisers.
 */
export function freshCode(prefix: string, items: Json[]): string {
  const used = new Set(items.map((item) => String(item.code)));
  let n = items.length + 1;
  while (used.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

/** Criteria of the rubric or parts of the final: name, maximum (and time limit). */
export function ItemsTable(props: {
  title: string;
  base: Path;
  withTime?: boolean;
  /** A new row, its code made with `freshCode` from the rows there are. */
  newItem: (items: Json[]) => Json;
}) {
  const ctx = useRules();
  const { title, base } = props;
  const items = (getAt(ctx.draft, base) as Json[] | undefined) ?? [];
  const columns: Column<Json>[] = [
    {
      key: 'name',
      header: 'Tên',
      cell: (_, i) => (
        <TextField path={[...base, i, 'name']} label={`${title}: tên dòng ${i + 1}`} hideLabel />
      ),
    },
    {
      key: 'max',
      header: 'Điểm tối đa',
      cell: (_, i) => (
        <NumField
          kind="points"
          path={[...base, i, 'maxPoints']}
          label={`${title}: điểm tối đa dòng ${i + 1}`}
          hideLabel
        />
      ),
    },
    ...(props.withTime
      ? [
          {
            key: 'time',
            header: 'Thời gian (giây)',
            cell: (_: Json, i: number) => (
              <NumField
                path={[...base, i, 'timeLimitSeconds']}
                label={`${title}: thời gian dòng ${i + 1} (giây)`}
                hideLabel
                empty="omit"
              />
            ),
          },
        ]
      : []),
    removeColumn(ctx, base, items, (item) => `Xóa ${String(item.name ?? '')}`),
  ];
  return (
    <>
      <DataTable
        class="compact items-editor"
        caption={title}
        columns={columns}
        rows={items}
        rowKey={(_, i) => i}
      />
      <ListError path={base} label={title} />
      <p class="actions">
        <button
          type="button"
          class="btn btn-small"
          onClick={() => ctx.set(base, [...items, props.newItem(items)])}
        >
          + Thêm dòng
        </button>
      </p>
    </>
  );
}

/** The prizes: ranked ones, certificates, side prizes and sponsors' prizes (đồng amounts). */
export function PrizeTable() {
  const ctx = useRules();
  const base = ['prizes'];
  const prizes = (getAt(ctx.draft, base) as Json[] | undefined) ?? [];
  const columns: Column<Json>[] = [
    {
      key: 'name',
      header: 'Tên giải',
      cell: (_, i) => (
        <TextField path={['prizes', i, 'name']} label={`Tên giải ${i + 1}`} hideLabel />
      ),
    },
    { key: 'kind', header: 'Loại', cell: (p) => PRIZE_KINDS[String(p.kind)] ?? String(p.kind) },
    {
      key: 'count',
      header: 'Số lượng',
      cell: (_, i) => (
        <NumField path={['prizes', i, 'count']} label={`Số lượng giải ${i + 1}`} hideLabel />
      ),
    },
    {
      key: 'amount',
      header: 'Tiền thưởng (đ)',
      cell: (_, i) => (
        <NumField
          kind="money"
          path={['prizes', i, 'amountVnd']}
          label={`Tiền thưởng giải ${i + 1}`}
          hideLabel
        />
      ),
    },
    {
      key: 'sponsor',
      header: 'Nhà tài trợ / đối tượng',
      cell: (p, i) =>
        p.kind === 'sponsor' ? (
          <TextField
            path={['prizes', i, 'sponsor']}
            label={`Nhà tài trợ giải ${i + 1}`}
            hideLabel
            optional
          />
        ) : p.kind === 'side' ? (
          p.sideFor === 'individual' ? (
            'Cá nhân'
          ) : (
            'Tập thể'
          )
        ) : (
          ''
        ),
    },
    removeColumn(ctx, base, prizes, (p) => `Xóa giải ${String(p.name)}`),
  ];
  return (
    <>
      <DataTable
        class="compact prize-editor"
        caption="Cơ cấu giải thưởng"
        columns={columns}
        rows={prizes}
        rowKey={(_, i) => i}
      />
      <ListError path={base} label="Cơ cấu giải thưởng" />
      <p class="actions">
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            ctx.set(base, [
              ...prizes,
              {
                code: freshCode('tai_tro', prizes),
                name: 'Giải tài trợ',
                kind: 'sponsor',
                count: 1,
                amountVnd: 0,
                sponsor: '',
              },
            ])
          }
        >
          + Thêm giải tài trợ
        </button>
      </p>
    </>
  );
}
