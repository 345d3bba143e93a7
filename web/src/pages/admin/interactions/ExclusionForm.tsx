import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field, fieldError, TextAreaField } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import type { Contest, Entry } from '../types';

/** An organiser removes invalid interactions from an entry's counts, with a recorded reason. */
export function ExclusionForm(props: {
  contest: Contest;
  entries: Entry[];
  onSaved: () => Promise<void>;
}) {
  const published = props.entries
    .filter((e) => e.status === 'published')
    .sort((a, b) => a.teamNumber - b.teamNumber);
  // The form (a choice among hundreds of entries) is built only when opened.
  const [open, setOpen] = useState(false);
  const [entryId, setEntryId] = useState('');
  const [reactions, setReactions] = useState('');
  const [shares, setShares] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`/contests/${props.contest.id}/interactions/exclusions`, {
        entryId,
        ...(reactions.trim() ? { reactions: Number(reactions) } : {}),
        ...(shares.trim() ? { shares: Number(shares) } : {}),
        reason: reason.trim(),
      });
      setReactions('');
      setShares('');
      setReason('');
      await props.onSaved();
      return 'Đã ghi quyết định loại trừ; điểm tương tác đã được tính lại.';
    });
  };
  return (
    <details class="card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="strong">Loại trừ lượt tương tác không hợp lệ</summary>
      {open && (
        <form class="form" onSubmit={submit}>
          <OkBox message={action.ok} />
          <ApiErrorBox error={action.error} inline={['entryId', 'reactions', 'shares', 'reason']} />
          <Field id="ex-entry" label="Sản phẩm" error={err('entryId')}>
            {(c) => (
              <select
                {...c}
                value={entryId}
                required
                onChange={(e) => setEntryId(e.currentTarget.value)}
              >
                <option value="">— Chọn đội thi —</option>
                {published.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.teamNumber}. {e.teamName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="grid-2">
            <Field id="ex-r" label="Số lượt thích loại trừ" error={err('reactions')}>
              {(c) => (
                <input
                  {...c}
                  inputMode="numeric"
                  value={reactions}
                  onInput={(e) => setReactions(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field id="ex-s" label="Số lượt chia sẻ loại trừ" error={err('shares')}>
              {(c) => (
                <input
                  {...c}
                  inputMode="numeric"
                  value={shares}
                  onInput={(e) => setShares(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          <TextAreaField
            id="ex-reason"
            label="Lý do (ghi vào nhật ký, 10-2000 ký tự)"
            error={err('reason')}
            value={reason}
            required
            onValue={setReason}
          />
          <button class="btn btn-primary" type="submit" disabled={action.busy}>
            Ghi loại trừ
          </button>
        </form>
      )}
    </details>
  );
}
