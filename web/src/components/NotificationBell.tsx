import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type {
  MyNotificationPage,
  MyNotificationView,
  UnreadCountView,
} from '../api-types/routes.gen';
import { dateTime } from '../format';
import { navigate } from '../router';
import { ErrorBox } from './ui';
import './notifications.css';

/** How often the unread count is refreshed while the page is open. */
const REFRESH_MS = 60_000;

/**
 * The header's notification button: the unread count, and on click the latest messages
 * (newest first) with a link to the exact page each one is about. Opening an item marks it read.
 */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<MyNotificationView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const refreshCount = useCallback(async () => {
    try {
      setUnread((await api<UnreadCountView>('GET', '/notifications/unread-count')).unread);
    } catch {
      // offline or signed out: keep the last count, the next refresh tries again
    }
  }, []);

  useEffect(() => {
    void refreshCount();
    const timer = setInterval(() => void refreshCount(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshCount]);

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (!next) return;
    try {
      const page = await api<MyNotificationPage>('GET', '/notifications?limit=20');
      setItems(page.items);
      setUnread(page.unread);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };

  const openItem = async (item: MyNotificationView) => {
    setOpen(false);
    if (!item.readAt) {
      await api('POST', `/notifications/${item.id}/read`).catch(() => undefined);
      void refreshCount();
    }
    navigate(item.path);
  };

  const readAll = async () => {
    await api('POST', '/notifications/read-all').catch(() => undefined);
    setItems(
      (list) => list?.map((i) => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })) ?? null,
    );
    setUnread(0);
  };

  return (
    <div class="notif">
      <button
        type="button"
        class="btn btn-link notif-toggle"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => void toggle()}
      >
        Thông báo
        {unread > 0 && (
          <span class="notif-badge" aria-label={`${unread} thông báo chưa đọc`}>
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div class="notif-panel" role="region" aria-label="Thông báo">
          <div class="notif-actions">
            <strong>Thông báo</strong>
            {unread > 0 && (
              <button type="button" class="btn btn-link" onClick={() => void readAll()}>
                Đánh dấu đã đọc tất cả
              </button>
            )}
          </div>
          <ErrorBox error={error} />
          {items && items.length === 0 && <p class="muted">Chưa có thông báo nào.</p>}
          <ul>
            {items?.map((item) => (
              <li key={item.id} class={item.readAt ? 'notif-item' : 'notif-item unread'}>
                <p>
                  <a
                    href={item.path}
                    onClick={(e) => {
                      e.preventDefault();
                      void openItem(item);
                    }}
                  >
                    {item.title}
                  </a>
                </p>
                {item.lines.slice(0, 2).map((line) => (
                  <p class="muted">{line}</p>
                ))}
                <p class="muted">
                  <small>{dateTime(item.createdAt)}</small>
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
