/**
 * Facebook post addresses, read in one place. An entry's post address is checked against the
 * contest's fanpage when it is recorded (publication), matched to the rows of a counts file
 * (interactions) and turned into the Graph object the counts are read from (fanpage).
 */

/** The address as a URL; "facebook.com/…" without a scheme is read as https. Null: not one. */
export function parsePostAddress(text: string): URL | null {
  try {
    return new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
}

/** "m.facebook.com", "www.facebook.com", "web." and "mbasic." are the same site. */
const siteOf = (url: URL) => url.hostname.replace(/^(www|m|web|mbasic)\./, '');

/**
 * One text for every way of writing the same post: "https://m.facebook.com/page/posts/123/?ref=x"
 * and "facebook.com/page/posts/123" give the same; only the parameters that name a post are kept.
 */
export function samePostKey(text: string): string {
  const url = parsePostAddress(text);
  if (!url) return text.trim().toLowerCase();
  const named = ['story_fbid', 'id', 'fbid', 'v']
    .filter((k) => url.searchParams.has(k))
    .map((k) => `${k}=${url.searchParams.get(k)}`);
  const query = named.length ? `?${named.join('&')}` : '';
  return `${siteOf(url)}${url.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
}

const digits = (text: string | null | undefined) => (text && /^\d+$/.test(text) ? text : null);

/**
 * The numeric ids an address names: a video's (…/videos/1, /reel/1, ?v=1) or a Page post's
 * (…/posts/1, /permalink/1, ?story_fbid=1, ?fbid=1). Each place is tried in that order until
 * one holds digits. A short link or a `pfbid…` address names neither.
 */
export function postIdsOf(url: URL): { video: string | null; post: string | null } {
  const { pathname: path, searchParams: query } = url;
  return {
    video: digits(query.get('v')) ?? digits(/\/(?:videos|reel)\/(\d+)/.exec(path)?.[1]),
    post:
      digits(query.get('story_fbid')) ??
      digits(query.get('fbid')) ??
      digits(/\/(?:posts|permalink)\/(\d+)/.exec(path)?.[1]),
  };
}

/** The numeric id inside a post address (a video's or a post's), when there is one. */
export function postIdOf(text: string): string | null {
  const url = parsePostAddress(text);
  if (!url) return null;
  const { video, post } = postIdsOf(url);
  return video ?? post;
}

/**
 * What two addresses of the same post share: the post's numeric id when the address has one
 * (…/posts/123 and /permalink.php?story_fbid=123 are one post), otherwise `samePostKey`. A
 * bare id, or an Insights export's `{page id}_{post id}`, is that post's id.
 */
export function postIdentity(text: string): string {
  const bare = text.trim();
  if (/^[\d_]+$/.test(bare)) return `id:${bare.split('_').pop()}`;
  const id = postIdOf(text);
  return id ? `id:${id}` : `address:${samePostKey(text)}`;
}

/**
 * A recorded post address must be a full address on the contest's fanpage, other than the
 * page's own: the same site ("m." and "mbasic." are the same as "www.") and under the page's
 * path, or a permalink naming the page (/permalink.php?story_fbid=…&id=page).
 */
export function isPostOfPage(postUrl: string, fanpageUrl: string): boolean {
  if (!/^https?:\/\//i.test(postUrl)) return false;
  const post = parsePostAddress(postUrl);
  const page = parsePostAddress(fanpageUrl);
  if (!post || !page || siteOf(post) !== siteOf(page)) return false;
  if (samePostKey(postUrl) === samePostKey(fanpageUrl)) return false; // the page, not a post
  const prefix = page.pathname.replace(/\/+$/, '');
  const pageName = prefix.replace(/^\/+/, '');
  return (
    post.pathname === prefix ||
    post.pathname.startsWith(`${prefix}/`) ||
    (post.pathname === '/permalink.php' && post.searchParams.get('id') === pageName)
  );
}
