// The rules form edits one JSON draft: each field reads and writes the draft at its path
// (["judging", "criteria", 0, "maxPoints"]), and shows the server's error for that path
// ("rules.judging.criteria[0].maxPoints") beside itself. Fields register themselves while
// rendering, so the error summary knows which errors stand next to a field.
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { Field } from '../../../components/Field';
import { MoneyInput } from '../../../components/MoneyInput';
import { PointsInput } from '../../../components/PointsInput';
import { numberText, parseInputNumber } from '../../../format';
import { parseViDate, viLocalText, vietnamIso, vietnamLocal } from '../lib';

export type Json = Record<string, unknown>;
export type Path = (string | number)[];

/** ["judging", "criteria", 0, "maxPoints"] → "judging.criteria[0].maxPoints" (the API's names). */
export const keyOf = (path: Path) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

export function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const copy = (Array.isArray(obj) ? [...obj] : { ...(obj as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = setAt(copy[head!], rest, value);
  return copy as T;
}

/** A field on screen: the control's id (the summary links to it) and its label. */
export interface Shown {
  id: string;
  label: string;
}

export interface RulesCtx {
  draft: Json;
  set: (path: Path, value: unknown) => void;
  /** after rows are removed or moved: inputs re-read their text from the draft */
  remount: () => void;
  error: (key: string) => string | undefined;
  shown: Map<string, Shown>;
}
export const RulesContext = createContext<RulesCtx | null>(null);
export const useRules = () => useContext(RulesContext)!;

const idOf = (key: string) => `r-${key.replace(/[^\w]/g, '-')}`;

/** Registers the field and returns its id and the server's message for it. */
function useField(path: Path, label: string) {
  const ctx = useRules();
  const key = keyOf(path);
  const id = idOf(key);
  ctx.shown.set(key, { id, label });
  return { ctx, id, message: ctx.error(key), value: getAt(ctx.draft, path) };
}

/**
 * A number of the rules. `kind`: points (decimal comma, at most two decimals, checked as typed),
 * money (whole đồng, 6.000.000 đ), or a plain number (counts, seconds, weights). `empty`: an
 * empty box means null (not applicable), or the key is left out (omit).
 */
export function NumField(props: {
  path: Path;
  label: string;
  kind?: 'points' | 'money' | 'number';
  empty?: 'null' | 'omit';
  hint?: string;
  hideLabel?: boolean;
}) {
  const { ctx, id, message, value } = useField(props.path, props.label);
  const none = props.empty === 'null' ? null : props.empty === 'omit' ? undefined : '';
  const [text, setText] = useState(
    typeof value === 'number' ? numberText(value) : value === null ? '' : String(value ?? ''),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const placeholder = props.empty ? 'để trống: không áp dụng' : undefined;
  return (
    <Field
      id={id}
      label={props.label}
      hint={props.hint}
      error={problem ?? message}
      hideLabel={props.hideLabel}
      class="num-field"
    >
      {(control) =>
        props.kind === 'points' ? (
          <PointsInput
            {...control}
            value={typeof value === 'number' ? value : null}
            placeholder={placeholder}
            onChange={(points, raw, why) => {
              setProblem(why);
              // Unreadable text goes to the server as typed: its answer names the field.
              ctx.set(props.path, raw.trim() === '' ? none : (points ?? raw));
            }}
          />
        ) : props.kind === 'money' ? (
          <MoneyInput
            {...control}
            value={typeof value === 'number' ? value : null}
            placeholder={placeholder}
            onChange={(vnd) => ctx.set(props.path, vnd === null ? none : vnd)}
          />
        ) : (
          <input
            {...control}
            inputMode="decimal"
            value={text}
            placeholder={placeholder}
            onInput={(e) => {
              const raw = e.currentTarget.value;
              setText(raw);
              const parsed = parseInputNumber(raw);
              ctx.set(props.path, parsed === '' ? none : parsed);
            }}
          />
        )
      }
    </Field>
  );
}

export function TextField(props: {
  path: Path;
  label: string;
  optional?: boolean;
  hideLabel?: boolean;
}) {
  const { ctx, id, message, value } = useField(props.path, props.label);
  return (
    <Field id={id} label={props.label} error={message} hideLabel={props.hideLabel}>
      {(control) => (
        <input
          {...control}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => {
            const v = e.currentTarget.value;
            ctx.set(props.path, props.optional && v === '' ? undefined : v);
          }}
        />
      )}
    </Field>
  );
}

/**
 * A date (or date-time) typed the Vietnamese way, dd/mm/yyyy [hh:mm], Vietnam time; empty
 * means null when `nullable`. Stored as the rules want it: "YYYY-MM-DD" or ISO with +07:00.
 */
export function ViDateField(props: {
  path: Path;
  label: string;
  dateOnly?: boolean;
  nullable?: boolean;
}) {
  const { ctx, id, message, value } = useField(props.path, props.label);
  const [text, setText] = useState(() => {
    if (typeof value !== 'string' || !value) return '';
    try {
      return viLocalText(props.dateOnly ? value.slice(0, 10) : vietnamLocal(value));
    } catch {
      return value;
    }
  });
  const [bad, setBad] = useState(false);
  const format = props.dateOnly
    ? 'dd/mm/yyyy, ví dụ 31/12/2021'
    : 'dd/mm/yyyy hh:mm, ví dụ 30/08/2022 17:00';
  return (
    <Field
      id={id}
      label={props.label}
      hint={props.nullable ? 'Để trống: không áp dụng.' : undefined}
      error={bad ? `Viết theo dạng ${format}.` : message}
    >
      {(control) => (
        <input
          {...control}
          value={text}
          inputMode="numeric"
          placeholder={props.dateOnly ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm'}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            setText(raw);
            if (!raw.trim() && props.nullable) {
              setBad(false);
              ctx.set(props.path, null);
              return;
            }
            const parsed = parseViDate(raw, props.dateOnly);
            setBad(parsed === null);
            ctx.set(
              props.path,
              parsed === null ? raw : props.dateOnly ? parsed : vietnamIso(parsed),
            );
          }}
        />
      )}
    </Field>
  );
}

/** Messages for a whole list (e.g. "Tổng điểm các tiêu chí (65) phải bằng …"). */
export function ListError({ path, label }: { path: Path; label: string }) {
  const { id, message } = useField(path, label);
  return message ? (
    <p class="field-error" role="alert" id={id} tabIndex={-1}>
      {message}
    </p>
  ) : null;
}
