import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import { UNIT_KIND_LABELS } from '../lib';
import type { Team, Unit } from '../types';

/** Adds a unit (phòng, ban, ngành, xã, phường) that teams and judges can belong to. */
export function CreateUnit({ contestId, onCreated }: { contestId: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Unit['kind']>('phong');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`/contests/${contestId}/units`, { name: name.trim(), kind });
      setName('');
      onCreated();
      return 'Đã thêm đơn vị.';
    });
  };
  return (
    <details class="add-form">
      <summary class="strong">Thêm đơn vị</summary>
      <form class="form" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['name', 'kind']} />
        <Field id="unit-name" label="Tên đơn vị" error={fieldError(action.error, 'name')}>
          {(c) => (
            <input {...c} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="unit-kind" label="Loại đơn vị" error={fieldError(action.error, 'kind')}>
          {(c) => (
            <select
              {...c}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as Unit['kind'])}
            >
              {Object.entries(UNIT_KIND_LABELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Thêm đơn vị
        </button>
      </form>
    </details>
  );
}

interface MemberDraft {
  fullName: string;
  position: string;
  isLeader: boolean;
}

const NEW_LEADER: MemberDraft = { fullName: '', position: '', isLeader: true };

/** Adds a team: its number, unit, name and members (one of them the leader). */
export function CreateTeam(props: {
  contestId: string;
  units: Unit[];
  teams: Team[];
  onCreated: () => void;
}) {
  const nextNumber = Math.max(0, ...props.teams.map((t) => t.number)) + 1;
  const [number, setNumber] = useState(String(nextNumber));
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [members, setMembers] = useState<MemberDraft[]>([{ ...NEW_LEADER }]);
  // The form (its unit and team lists: hundreds of options) is built only when opened.
  const [open, setOpen] = useState(false);
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const filled = members.filter((m) => m.fullName.trim());
      await post(`/contests/${props.contestId}/teams`, {
        number: Number(number),
        name: name.trim(),
        unitId,
        ...(filled.length
          ? {
              members: filled.map((m) => ({
                fullName: m.fullName.trim(),
                ...(m.position.trim() ? { position: m.position.trim() } : {}),
                isLeader: m.isLeader,
              })),
            }
          : {}),
      });
      setName('');
      setMembers([{ ...NEW_LEADER }]);
      setNumber(String(Number(number) + 1));
      props.onCreated();
      return 'Đã thêm đội thi.';
    });
  };
  const setMember = (i: number, change: Partial<MemberDraft>) =>
    setMembers(members.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <details class="add-form" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="strong">Thêm đội thi</summary>
      {open && (
        <form class="form form-wide" onSubmit={submit}>
          <OkBox message={action.ok} />
          <ApiErrorBox error={action.error} inline={['number', 'name', 'unitId']} />
          <div class="grid-2">
            <Field id="team-number" label="Số đội" error={err('number')}>
              {(c) => (
                <input
                  {...c}
                  inputMode="numeric"
                  value={number}
                  required
                  onInput={(e) => setNumber(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field id="team-unit" label="Đơn vị" error={err('unitId')}>
              {(c) => (
                <select
                  {...c}
                  value={unitId}
                  required
                  onChange={(e) => setUnitId(e.currentTarget.value)}
                >
                  <option value="">— Chọn đơn vị —</option>
                  {props.units
                    .filter((u) => u.active)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          </div>
          <Field id="team-name" label="Tên đội" error={err('name')}>
            {(c) => (
              <input {...c} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
            )}
          </Field>
          <fieldset>
            <legend>Thành viên</legend>
            {members.map((m, i) => (
              <div class="member-row" key={i}>
                <Field
                  id={`m-${i}`}
                  label={`Họ tên thành viên ${i + 1}`}
                  error={err(`members[${i}].fullName`)}
                >
                  {(c) => (
                    <input
                      {...c}
                      value={m.fullName}
                      onInput={(e) => setMember(i, { fullName: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field id={`m-${i}-position`} label="Chức vụ">
                  {(c) => (
                    <input
                      {...c}
                      value={m.position}
                      onInput={(e) => setMember(i, { position: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={m.isLeader}
                    onChange={(e) => setMember(i, { isLeader: e.currentTarget.checked })}
                  />
                  Trưởng nhóm
                </label>
              </div>
            ))}
            <button
              type="button"
              class="btn btn-small"
              onClick={() =>
                setMembers([...members, { fullName: '', position: '', isLeader: false }])
              }
            >
              + Thêm thành viên
            </button>
          </fieldset>
          <button class="btn btn-primary" type="submit" disabled={action.busy}>
            Thêm đội thi
          </button>
        </form>
      )}
    </details>
  );
}
