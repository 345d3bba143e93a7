import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import { ROLE_LABELS } from '../lib';
import type { Account, Role, Team, Unit } from '../types';

/** Creates an account; its temporary password is shown once, to hand to its owner. */
export function CreateAccount(props: {
  contestId: string;
  units: Unit[];
  teams: Team[];
  onCreated: () => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('judge');
  const [teamId, setTeamId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  // The form (its unit and team lists: hundreds of options) is built only when opened.
  const [open, setOpen] = useState(false);
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    setIssued(null);
    void action.run(async () => {
      const res = await post<{ account: Account; temporaryPassword: string }>(
        `/contests/${props.contestId}/accounts`,
        {
          username: username.trim(),
          displayName: displayName.trim(),
          role,
          ...(role === 'team' && teamId ? { teamId } : {}),
          ...(role === 'judge' && unitId ? { unitId } : {}),
        },
      );
      setIssued({ username: res.account.username, password: res.temporaryPassword });
      setUsername('');
      setDisplayName('');
      props.onCreated();
    });
  };
  return (
    <details class="add-form" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="strong">Tạo tài khoản</summary>
      {open && (
        <form class="form" onSubmit={submit}>
          {issued && <TemporaryPassword {...issued} />}
          <ApiErrorBox
            error={action.error}
            inline={['username', 'displayName', 'role', 'teamId', 'unitId']}
          />
          <Field id="acc-role" label="Vai trò">
            {(c) => (
              <select {...c} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {Object.entries(ROLE_LABELS).map(([k, l]) => (
                  <option key={k} value={k}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="acc-user" label="Tên đăng nhập" error={err('username')}>
            {(c) => (
              <input
                {...c}
                value={username}
                required
                autoComplete="off"
                onInput={(e) => setUsername(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="acc-name" label="Họ tên hiển thị" error={err('displayName')}>
            {(c) => (
              <input
                {...c}
                value={displayName}
                required
                onInput={(e) => setDisplayName(e.currentTarget.value)}
              />
            )}
          </Field>
          {role === 'team' && (
            <Field id="acc-team" label="Đội thi" error={err('teamId')}>
              {(c) => (
                <select
                  {...c}
                  value={teamId}
                  required
                  onChange={(e) => setTeamId(e.currentTarget.value)}
                >
                  <option value="">— Chọn đội —</option>
                  {props.teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.number}. {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {role === 'judge' && (
            <Field
              id="acc-unit"
              label="Đơn vị công tác (để tránh chấm đội cùng đơn vị)"
              error={err('unitId')}
            >
              {(c) => (
                <select {...c} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
                  <option value="">— Không thuộc đơn vị dự thi —</option>
                  {props.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button class="btn btn-primary" type="submit" disabled={action.busy}>
            Tạo tài khoản
          </button>
        </form>
      )}
    </details>
  );
}

/** A temporary password, shown once. */
function TemporaryPassword({ username, password }: { username: string; password: string }) {
  return (
    <OkBox message={`Mật khẩu tạm của ${username} (chỉ hiện một lần, hãy gửi cho người dùng):`}>
      <p>
        <code class="password">{password}</code>
      </p>
    </OkBox>
  );
}

/** Issues a new temporary password, after a confirmation naming the account. */
export function ResetPassword({ contestId, account }: { contestId: string; account: Account }) {
  const [issued, setIssued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  if (issued) return <TemporaryPassword username={account.username} password={issued} />;
  return (
    <>
      {!confirming ? (
        <button type="button" class="btn btn-small" onClick={() => setConfirming(true)}>
          Cấp lại mật khẩu
        </button>
      ) : (
        <span class="actions">
          <button
            type="button"
            class="btn btn-small btn-danger"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                const res = await post<{ temporaryPassword: string }>(
                  `/contests/${contestId}/accounts/${account.userId}/reset-password`,
                );
                setIssued(res.temporaryPassword);
              })
            }
          >
            Xác nhận cấp lại cho {account.displayName}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setConfirming(false)}>
            Hủy
          </button>
        </span>
      )}
      <ApiErrorBox error={action.error} />
    </>
  );
}
