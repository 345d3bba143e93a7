import { useState } from 'preact/hooks';
import { call } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field, fieldError, TextAreaField } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import { EVENT_LABELS, Sent } from './labels';

/**
 * The buttons of one e-mail row: resend (failed or already sent), and "came back" for a sent
 * one whose bounce reached the organisers' mailbox. Each asks first, in a dialog that says
 * what will happen.
 */
export function RowActions(props: {
  contestId: string;
  row: Sent;
  onDone: (message: string) => void;
}) {
  const { row } = props;
  if (row.channel !== 'email' || row.status === 'pending') return null;
  return (
    <div class="actions nowrap">
      <Resend {...props} />
      {row.status === 'sent' && <MarkBounced {...props} />}
    </div>
  );
}

function Resend({
  contestId,
  row,
  onDone,
}: {
  contestId: string;
  row: Sent;
  onDone: (m: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState(row.toAddress ?? '');
  const action = useAction();
  const who = `${row.recipientName} — ${EVENT_LABELS[row.eventType]}`;
  const confirm = () =>
    void action.run(async () => {
      const email = address.trim();
      if (email !== (row.toAddress ?? '')) {
        await call('PUT /api/contests/{contestId}/notifications/people/{userId}/address', {
          path: { contestId, userId: row.recipientId },
          body: { email },
        });
      }
      await call('POST /api/contests/{contestId}/notifications/{notificationId}/resend', {
        path: { contestId, notificationId: row.id },
      });
      setOpen(false);
      onDone(`Đã đưa thư gửi ${row.recipientName} vào hàng chờ gửi lại.`);
    });
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        aria-label={`Gửi lại (${who})`}
        onClick={() => {
          action.reset();
          setAddress(row.toAddress ?? '');
          setOpen(true);
        }}
      >
        Gửi lại
      </button>
      <ConfirmDialog
        open={open}
        title="Gửi lại thư này?"
        confirm="Gửi lại"
        busy={action.busy}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      >
        <p>
          Thư “{row.title}” sẽ được gửi lại cho <strong>{row.recipientName}</strong> (một bản mới,
          mã thư mới). Việc gửi lại được ghi vào nhật ký.
        </p>
        <Field
          id={`resend-to-${row.id}`}
          label="Gửi tới địa chỉ"
          hint="Sửa địa chỉ nếu thư trước không tới được; địa chỉ mới được lưu cho người này."
          error={fieldError(action.error, 'email')}
        >
          {(c) => (
            <input
              {...c}
              type="email"
              value={address}
              required
              onInput={(e) => setAddress(e.currentTarget.value)}
            />
          )}
        </Field>
        <ApiErrorBox error={action.error} inline={['email']} />
      </ConfirmDialog>
    </>
  );
}

function MarkBounced({
  contestId,
  row,
  onDone,
}: {
  contestId: string;
  row: Sent;
  onDone: (m: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const confirm = () =>
    void action.run(async () => {
      await call('POST /api/contests/{contestId}/notifications/{notificationId}/bounce', {
        path: { contestId, notificationId: row.id },
        body: { reason: reason.trim() },
      });
      setOpen(false);
      onDone(`Đã ghi nhận thư gửi ${row.recipientName} bị trả lại.`);
    });
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        aria-label={`Bị trả lại… (${row.recipientName} — ${EVENT_LABELS[row.eventType]})`}
        onClick={() => {
          action.reset();
          setOpen(true);
        }}
      >
        Bị trả lại…
      </button>
      <ConfirmDialog
        open={open}
        title="Ghi nhận thư bị trả lại?"
        confirm="Ghi nhận"
        tone="danger"
        busy={action.busy}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      >
        <p>
          Máy chủ thư đã nhận thư này, nhưng sau đó thư bị trả lại (hộp thư của Ban tổ chức nhận
          được thư báo lỗi). Thư sẽ chuyển sang “Không gửi được” để gửi lại sau khi sửa địa chỉ.
        </p>
        <TextAreaField
          id={`bounce-reason-${row.id}`}
          label="Lý do (theo thư báo lỗi)"
          value={reason}
          onValue={setReason}
          required
          minLength={3}
          error={fieldError(action.error, 'reason')}
        />
        <ApiErrorBox error={action.error} inline={['reason']} />
      </ConfirmDialog>
    </>
  );
}
