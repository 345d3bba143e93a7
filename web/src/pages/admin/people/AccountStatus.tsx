import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import type { Account } from '../types';

/** Deactivate (or reactivate) an account, with a reason; its tokens stop working at once. */
export function AccountStatus(props: {
  contestId: string;
  account: Account;
  onChanged: () => void;
}) {
  const { account } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const verb = account.disabled ? 'Mở khóa' : 'Khóa';
  if (!open)
    return (
      <button type="button" class="btn btn-small" onClick={() => setOpen(true)}>
        {verb} tài khoản
      </button>
    );
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(
        `/contests/${props.contestId}/accounts/${account.userId}/${account.disabled ? 'reactivate' : 'deactivate'}`,
        { reason: reason.trim() },
      );
      setOpen(false);
      setReason('');
      props.onChanged();
    });
  };
  return (
    <form class="form" onSubmit={submit}>
      <ApiErrorBox error={action.error} inline={['reason']} />
      <Field
        id={`status-${account.userId}`}
        label={`Lý do ${verb.toLowerCase()} tài khoản của ${account.displayName}`}
        error={fieldError(action.error, 'reason')}
      >
        {(control) => (
          <input
            {...control}
            value={reason}
            required
            minLength={10}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        )}
      </Field>
      <span class="actions">
        <button type="submit" class="btn btn-small btn-danger" disabled={action.busy}>
          Xác nhận {verb.toLowerCase()}
        </button>
        <button type="button" class="btn btn-small" onClick={() => setOpen(false)}>
          Hủy
        </button>
      </span>
    </form>
  );
}
