import { useEffect, useState } from 'preact/hooks';
import { useAnnounce } from '../../../components/announcer';
import { ApiErrorBox } from '../../../components/feedback';
import { useAction } from '../../../hooks';
import { directLink, download, fetchBlob } from '../../../files';

const CANNOT_PLAY = 'Trình duyệt không phát được video này tại đây.';

/**
 * The file server takes the bearer token only in a header, which a <video src> cannot send
 * for an entry that is not public yet. With the files in an S3 bucket the server gives a
 * short-lived presigned URL: the video streams (and seeks) from the bucket. With the files on
 * the server's disk the console fetches the file with the token and plays it from memory. If
 * the browser refuses that (content security policy), it offers the file.
 */
export function VideoPreview(props: { path: string; name: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const action = useAction();
  useAnnounce(failed, () => CANNOT_PLAY);
  useEffect(() => () => void (url?.startsWith('blob:') && URL.revokeObjectURL(url)), [url]);
  if (!url)
    return (
      <div class="video-box">
        <button
          type="button"
          class="btn"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const direct = await directLink(props.path);
              if (direct) return setUrl(direct);
              const res = await fetchBlob(props.path);
              setUrl(URL.createObjectURL(res.blob));
            })
          }
        >
          {action.busy ? 'Đang tải video…' : `Xem video (${props.name})`}
        </button>
        <ApiErrorBox error={action.error} />
      </div>
    );
  return (
    <div class="video-box">
      <video
        controls
        preload="metadata"
        src={url}
        aria-label={props.label}
        onError={() => setFailed(true)}
      />
      {failed && (
        <p class="alert small">
          {CANNOT_PLAY}{' '}
          <button
            type="button"
            class="btn btn-link"
            onClick={() => {
              const a = document.createElement('a');
              a.href = url;
              a.download = props.name;
              a.click();
            }}
          >
            Lưu video về máy để xem
          </button>
        </p>
      )}
    </div>
  );
}

/** A protected file fetched with the organiser's token and saved. */
export function DownloadButton(props: { path: string; name: string; label: string }) {
  const action = useAction();
  return (
    <p>
      <button
        type="button"
        class="btn"
        disabled={action.busy}
        onClick={() => void action.run(() => download(props.path, props.name))}
      >
        {props.label} ({props.name})
      </button>
      <ApiErrorBox error={action.error} />
    </p>
  );
}
