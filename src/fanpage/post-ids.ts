import { parsePostAddress, postIdsOf } from '../entries/post-address';

/**
 * The Graph object id of a published entry's post, from the address recorded for it:
 * …/posts/123 and ?story_fbid=123 are Page posts, read as `{page-id}_{post-id}`; …/videos/123,
 * /reel/123 and ?v=123 are video objects, read by their own id. An address without a numeric
 * id (a short link, a `pfbid…` address) gives null: the organisers are told to fix it.
 */
export function graphObjectId(pageId: string, postUrl: string | null): string | null {
  const url = postUrl ? parsePostAddress(postUrl) : null;
  if (!url) return null;
  const { video, post } = postIdsOf(url);
  if (video) return video;
  if (post) return `${pageId}_${post}`;
  const composite = /^(\d+)_(\d+)$/.exec(url.pathname.split('/').filter(Boolean).at(-1) ?? '');
  return composite ? composite[0] : null;
}
