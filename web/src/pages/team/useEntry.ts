import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, put } from '../../api';
import { dateTime } from '../../format';
import {
  type ContestView,
  type EntryFields,
  type EntryView,
  fieldsOf,
  FIELD_LABELS,
  MISSING_MESSAGES,
  type TeamView,
  type UploadKind,
} from './model';

interface Loaded {
  contest: ContestView;
  team: TeamView | null;
  entry: EntryView | null;
}

export interface Notice {
  kind: 'ok' | 'error';
  where: 'save' | 'submit';
  text: string;
}

async function loadMyEntry(contestId: string): Promise<EntryView | null> {
  try {
    return await get<EntryView>(`/contests/${contestId}/my-entry`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'ENTRY_NOT_FOUND')
      return null;
    throw error;
  }
}

const sameFields = (a: EntryFields, b: EntryFields) =>
  (Object.keys(a) as (keyof EntryFields)[]).every((k) => a[k] === b[k]);

/**
 * The team's entry as the portal edits it: the text typed (kept across a refused save), what
 * the server last stored, the errors per field, and save / submit. `summary` and `statusBox`
 * are focused after a failed or a successful submission, so it is read out at once.
 */
export function useEntry(contestId: string, teamId: string) {
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fields, setFields] = useState<EntryFields>(fieldsOf(null));
  const [baseline, setBaseline] = useState<EntryFields>(fieldsOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [uploading, setUploading] = useState<Record<UploadKind, boolean>>({
    video: false,
    outline: false,
  });
  const summary = useRef<HTMLDivElement>(null);
  const statusBox = useRef<HTMLElement>(null);
  const dirty = !sameFields(fields, baseline);
  const busyUploading = uploading.video || uploading.outline;

  /** `keepTyped`: after a refused save, keep what the team typed (it is still theirs). */
  const load = async (keepTyped = false) => {
    try {
      const [contest, team, entry] = await Promise.all([
        get<ContestView>(`/contests/${contestId}`),
        get<TeamView>(`/contests/${contestId}/teams/${teamId}`).catch(() => null),
        loadMyEntry(contestId),
      ]);
      setData({ contest, team, entry });
      if (!keepTyped) setFields(fieldsOf(entry));
      setBaseline(fieldsOf(entry));
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  };
  useEffect(() => void load(), [contestId, teamId]);

  // After an upload: the entry's files changed; unsaved text in the form stays as typed.
  const refreshEntry = async () => {
    const entry = await loadMyEntry(contestId).catch(() => undefined);
    if (entry === undefined) return;
    setData((d) => (d ? { ...d, entry } : d));
    if (entry) {
      setErrors((e) => {
        const next = { ...e };
        if (entry.video) delete next.video;
        if (entry.outline) delete next.outline;
        return next;
      });
    }
  };

  // Leaving the page with unsaved text or an upload under way loses work: ask first.
  useEffect(() => {
    if (!dirty && !busyUploading) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty, busyUploading]);

  const applyError = (error: unknown, where: 'save' | 'submit') => {
    const action = where === 'save' ? 'Chưa lưu được' : 'Chưa nộp được';
    if (error instanceof ApiError && error.details.length) {
      const byField: Record<string, string> = {};
      for (const d of error.details) {
        const field = d.field.split('.')[0]!;
        if (FIELD_LABELS[field])
          byField[field] = (d.code === 'REQUIRED' && MISSING_MESSAGES[field]) || d.message;
      }
      setErrors(byField);
    }
    const text =
      error instanceof ApiError
        ? error.code === 'ENTRY_INCOMPLETE'
          ? 'Chưa nộp được: sản phẩm dự thi còn thiếu các mục dưới đây.'
          : `${action}: ${error.message}`
        : `${action}: ${String(error)}`;
    setNotice({ kind: 'error', where, text });
    // A closed phase, a passed deadline or a locked entry: show the page as it now is.
    if (error instanceof ApiError && error.status === 409) void load(true);
    if (where === 'submit') requestAnimationFrame(() => summary.current?.focus());
  };

  const save = async (where: 'save' | 'submit' = 'save'): Promise<boolean> => {
    setSaving(true);
    setNotice(null);
    try {
      const saved = await put<EntryView>(`/contests/${contestId}/my-entry`, fields);
      setData((d) => (d ? { ...d, entry: saved } : d));
      setBaseline(fieldsOf(saved));
      setFields(fieldsOf(saved));
      setSavedAt(new Date());
      setErrors((e) => {
        const next = { ...e };
        for (const k of ['name', 'context', 'implementation', 'benefits', 'category'] as const)
          if (saved[k].trim()) delete next[k];
        if (saved.originalityDeclaredAt) delete next.originalityDeclared;
        return next;
      });
      return true;
    } catch (error) {
      applyError(error, where);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    setSubmitting(true);
    setNotice(null);
    try {
      if ((dirty || !data?.entry) && !(await save('submit'))) return;
      const submitted = await post<EntryView>(`/contests/${contestId}/my-entry/submit`);
      setData((d) => (d ? { ...d, entry: submitted } : d));
      setErrors({});
      setNotice({
        kind: 'ok',
        where: 'submit',
        text: `Đã ${submitted.status === 'resubmitted' ? 'nộp lại' : 'nộp'} sản phẩm dự thi lúc ${dateTime(submitted.submittedAt ?? new Date())}. Ban tổ chức sẽ kiểm duyệt và thông báo kết quả.`,
      });
      requestAnimationFrame(() => statusBox.current?.focus());
    } catch (error) {
      applyError(error, 'submit');
    } finally {
      setSubmitting(false);
    }
  };

  const setUploadBusy = (kind: UploadKind, busy: boolean) =>
    setUploading((u) => (u[kind] === busy ? u : { ...u, [kind]: busy }));

  return {
    data,
    loadError,
    load,
    fields,
    setFields,
    errors,
    notice,
    saving,
    submitting,
    savedAt,
    dirty,
    busyUploading,
    setUploadBusy,
    refreshEntry,
    save,
    submit,
    summary,
    statusBox,
  };
}
