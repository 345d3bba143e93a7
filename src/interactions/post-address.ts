/** How a fanpage post is recognised in an import row: by its address or its numeric id. */

/** "https://m.facebook.com/page/posts/123/?ref=x" and "facebook.com/page/posts/123" are the same post. */
export function normalizePostUrl(url: string): string {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const keep = ['story_fbid', 'id', 'fbid', 'v']
      .filter((k) => u.searchParams.has(k))
      .map((k) => `${k}=${u.searchParams.get(k)}`);
    return `${u.hostname.replace(/^(www|m|web|mbasic)\./, '')}${u.pathname.replace(/\/+$/, '')}${keep.length ? `?${keep.join('&')}` : ''}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

/** The numeric post id inside a post address, when there is one. */
export function postIdOf(url: string): string | null {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const fromQuery =
      u.searchParams.get('story_fbid') ?? u.searchParams.get('fbid') ?? u.searchParams.get('v');
    if (fromQuery && /^\d+$/.test(fromQuery)) return fromQuery;
    const match = /\/(?:posts|videos|reel|permalink)\/(\d+)/.exec(u.pathname);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}
