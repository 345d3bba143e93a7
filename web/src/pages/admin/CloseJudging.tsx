import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api';
import { fieldError, TextAreaField } from '../../components/Field';
import { ApiErrorBox, OkBox } from '../../components/feedback';
import { useAction } from '../../hooks';

/**
 * "Đóng vòng sơ khảo": moves the contest to the final. Missing or draft scorecards make the
 * server ask for a reason (409 INCOMPLETE_SCORECARDS); the reason field then appears.
 */
export function CloseJudging(props: { contestId: string; onClosed: () => void }) {
  const action = useAction();
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const close = () =>
    void action.run(async () => {
      try {
        const res = await post<{ incompleteScorecards: number }>(
          `/contests/${props.contestId}/judging/close`,
          reason.trim() ? { reason: reason.trim() } : {},
        );
        props.onClosed();
        setConfirming(false);
        return res.incompleteScorecards
          ? `Đã đóng vòng sơ khảo (${res.incompleteScorecards} phiếu chấm chưa nộp, lý do đã ghi).`
          : 'Đã đóng vòng sơ khảo. Hội thi chuyển sang vòng chung khảo.';
      } catch (err) {
        if (err instanceof ApiError && err.code === 'INCOMPLETE_SCORECARDS') setNeedReason(true);
        throw err;
      }
    });
  if (!confirming)
    return (
      <div>
        <OkBox message={action.ok} />
        <button class="btn btn-primary" type="button" onClick={() => setConfirming(true)}>
          Đóng vòng sơ khảo…
        </button>
      </div>
    );
  return (
    <div class="confirm-box" role="group" aria-label="Xác nhận đóng vòng sơ khảo">
      <p>
        Đóng vòng sơ khảo: không nhận thêm phiếu chấm, hội thi chuyển sang{' '}
        <strong>Vòng chung khảo</strong>.
      </p>
      <ApiErrorBox error={action.error} inline={['reason']} />
      {needReason && (
        <TextAreaField
          id="close-reason"
          label="Lý do vẫn đóng khi còn phiếu chấm chưa nộp"
          error={fieldError(action.error, 'reason')}
          value={reason}
          minLength={10}
          onValue={setReason}
        />
      )}
      <p class="actions">
        <button class="btn btn-primary" type="button" disabled={action.busy} onClick={close}>
          Xác nhận đóng vòng sơ khảo
        </button>
        <button class="btn" type="button" onClick={() => setConfirming(false)}>
          Hủy
        </button>
      </p>
    </div>
  );
}
