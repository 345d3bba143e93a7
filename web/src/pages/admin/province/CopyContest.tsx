import { useState } from 'preact/hooks';
import { call } from '../../../api';
import type { ContestView } from '../../../api-types/routes.gen';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import { navigate } from '../../../router';

/**
 * "Start next year's contest from this one": a new contest in draft with this one's rules,
 * rubric and prize table (deadlines left empty); units, teams, people and entries stay behind.
 * Opens the new contest's setup page, where the organiser sets the dates.
 */
export function CopyContest({ source }: { source: { id: string; name: string; slug: string } }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const confirm = () =>
    void action.run(async () => {
      const created = await call<ContestView>('POST /api/province/contests/{contestId}/copy', {
        path: { contestId: source.id },
        body: { name: name.trim(), slug: slug.trim() },
      });
      setOpen(false);
      navigate(`/btc/${created.id}/thiet-lap`);
    });
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        aria-label={`Sao chép thể lệ… (${source.name})`}
        onClick={() => {
          action.reset();
          setOpen(true);
        }}
      >
        Sao chép thể lệ…
      </button>
      <ConfirmDialog
        open={open}
        title="Tạo hội thi mới theo thể lệ này?"
        confirm="Tạo hội thi (bản nháp)"
        busy={action.busy}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      >
        <p>
          Hội thi mới lấy thể lệ, tiêu chí chấm và cơ cấu giải của <strong>{source.name}</strong>.
          Các hạn (nộp sản phẩm, chốt tương tác, chấm sơ khảo) để trống; đơn vị, đội thi, tài khoản
          và sản phẩm không được sao chép. Việc tạo được ghi vào nhật ký.
        </p>
        <Field id={`copy-name-${source.id}`} label="Tên hội thi mới" error={err('name')}>
          {(c) => (
            <input {...c} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field
          id={`copy-slug-${source.id}`}
          label="Mã rút gọn (slug)"
          hint={`Dùng trong địa chỉ trang công khai, ví dụ ${source.slug.replace(/\d{4}$/, '') || 'hoi-thi-'}${new Date().getFullYear() + 1}`}
          error={err('slug')}
        >
          {(c) => (
            <input {...c} value={slug} required onInput={(e) => setSlug(e.currentTarget.value)} />
          )}
        </Field>
        <ApiErrorBox error={action.error} inline={['name', 'slug']} />
      </ConfirmDialog>
    </>
  );
}
