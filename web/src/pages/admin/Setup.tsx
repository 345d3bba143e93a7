import { useState } from 'preact/hooks';
import { patch } from '../../api';
import { Field, fieldError, TextAreaField } from '../../components/Field';
import { ApiErrorBox, OkBox } from '../../components/feedback';
import { Section } from '../../components/Section';
import { useAction } from '../../hooks';
import { parseViDate, type SectionProps, viLocalText, vietnamIso, vietnamLocal } from './lib';
import { RulesEditor } from './rules/RulesEditor';
import type { Contest } from './types';

/** Contest details, then the rules document as a form (errors next to their fields). */
export function Setup({ contest, reloadContest }: SectionProps) {
  return (
    <>
      <ContestInfo contest={contest} reloadContest={reloadContest} />
      <RulesEditor contest={contest} reloadContest={reloadContest} />
    </>
  );
}

function ContestInfo({ contest, reloadContest }: SectionProps) {
  const [name, setName] = useState(contest.name);
  const [description, setDescription] = useState(contest.description);
  const [fanpageUrl, setFanpage] = useState(contest.fanpageUrl ?? '');
  const [finalAt, setFinalAt] = useState(() =>
    contest.finalAt ? viLocalText(vietnamLocal(contest.finalAt)) : '',
  );
  const [finalVenue, setFinalVenue] = useState(contest.finalVenue ?? '');
  const [finalAtBad, setFinalAtBad] = useState(false);
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    const finalLocal = finalAt.trim() ? parseViDate(finalAt) : null;
    const bad = finalAt.trim() !== '' && finalLocal === null;
    setFinalAtBad(bad);
    if (bad) {
      document.getElementById('ci-final-at')?.focus();
      return;
    }
    void action.run(async () => {
      await patch<Contest>(`/contests/${contest.id}`, {
        name: name.trim(),
        description,
        ...(fanpageUrl.trim() ? { fanpageUrl: fanpageUrl.trim() } : {}),
        finalAt: finalLocal && vietnamIso(finalLocal),
        finalVenue: finalVenue.trim() || null,
        version: contest.version,
      });
      await reloadContest();
      return 'Đã lưu thông tin hội thi.';
    });
  };
  return (
    <Section title="Thông tin hội thi" id="thong-tin-hoi-thi">
      <form class="form form-wide" onSubmit={submit} noValidate>
        <OkBox message={action.ok} />
        <ApiErrorBox
          error={action.error}
          inline={['name', 'description', 'fanpageUrl', 'finalAt', 'finalVenue']}
        />
        <Field id="ci-name" label="Tên hội thi" error={err('name')}>
          {(c) => (
            <input {...c} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <TextAreaField
          id="ci-desc"
          label="Giới thiệu"
          error={err('description')}
          value={description}
          onValue={setDescription}
        />
        <Field
          id="ci-fp"
          label="Địa chỉ fanpage (địa chỉ bài đăng của sản phẩm phải thuộc fanpage này)"
          error={err('fanpageUrl')}
        >
          {(c) => (
            <input
              {...c}
              type="url"
              value={fanpageUrl}
              onInput={(e) => setFanpage(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="ci-final-at"
          label="Thời gian vòng chung khảo (công bố trên trang kết quả)"
          hint="dd/mm/yyyy hh:mm, giờ Việt Nam, ví dụ 20/12/2026 08:00. Để trống: chưa thông báo."
          error={
            finalAtBad ? 'Viết theo dạng dd/mm/yyyy hh:mm, ví dụ 20/12/2026 08:00.' : err('finalAt')
          }
        >
          {(c) => (
            <input
              {...c}
              value={finalAt}
              inputMode="numeric"
              placeholder="dd/mm/yyyy hh:mm"
              onInput={(e) => setFinalAt(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="ci-final-venue"
          label="Địa điểm vòng chung khảo"
          hint="Ví dụ: Hội trường UBND thành phố Ngã Bảy. Để trống: chưa thông báo."
          error={err('finalVenue')}
        >
          {(c) => (
            <input
              {...c}
              value={finalVenue}
              maxLength={300}
              onInput={(e) => setFinalVenue(e.currentTarget.value)}
            />
          )}
        </Field>
        <p class="small muted">
          Mã rút gọn: <code>{contest.slug}</code> (không đổi được).
        </p>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Lưu thông tin
        </button>
      </form>
    </Section>
  );
}
