import { isPostOfPage, postIdentity, postIdOf, samePostKey } from './post-address';

describe('post addresses', () => {
  it.each([
    ['https://m.facebook.com/hoithi/posts/123/?ref=share', 'facebook.com/hoithi/posts/123'],
    ['facebook.com/HoiThi/posts/123', 'facebook.com/hoithi/posts/123'],
    [
      'https://mbasic.facebook.com/story.php?story_fbid=9&id=104&s=x',
      'facebook.com/story.php?story_fbid=9&id=104',
    ],
  ])('%s is written the same as %s', (text, key) => {
    expect(samePostKey(text)).toBe(samePostKey(key));
  });

  it('text that is no address is compared as it is written, without case', () => {
    expect(samePostKey(' Bài Đăng 5 ')).toBe('bài đăng 5');
  });

  it.each([
    ['https://www.facebook.com/hoithi/posts/123456789', '123456789'],
    ['https://m.facebook.com/story.php?story_fbid=987&id=104', '987'],
    ['facebook.com/hoithi/videos/555/', '555'],
    ['https://www.facebook.com/watch/?v=444', '444'],
    ['https://www.facebook.com/reel/333', '333'],
    ['https://www.facebook.com/hoithi/posts/pfbid02abcXYZ', null],
    ['https://fb.me/abc', null],
    // a parameter without digits does not hide the id in the path
    ['https://www.facebook.com/hoithi/videos/555/?v=abc', '555'],
    ['https://www.facebook.com/hoithi/posts/123?story_fbid=pfbid02abc', '123'],
  ])('%s names post %s', (text, id) => {
    expect(postIdOf(text)).toBe(id);
  });

  it.each([
    ['https://www.facebook.com/hoithi/posts/1', true],
    ['https://m.facebook.com/hoithi/videos/2/', true],
    ['https://mbasic.facebook.com/hoithi/posts/3', true],
    ['https://m.facebook.com/hoithi/', false], // the page itself
    ['https://www.facebook.com/permalink.php?story_fbid=3&id=hoithi', true],
    ['https://www.facebook.com/permalink.php?story_fbid=3&id=other', false],
    ['https://www.facebook.com/hoithi2/posts/1', false],
    ['https://example.com/hoithi/posts/1', false],
    ['facebook.com/hoithi/posts/1', false], // a recorded address is a full one
    ['javascript://www.facebook.com/hoithi/posts/1', false],
  ])('%s is a post of the page: %s', (postUrl, expected) => {
    expect(isPostOfPage(postUrl, 'https://www.facebook.com/hoithi')).toBe(expected);
  });

  it('two addresses of one post have one identity; posts without an id compare by address', () => {
    const page = 'https://www.facebook.com/hoithi';
    expect(postIdentity(`${page}/posts/123`)).toBe(
      postIdentity('https://m.facebook.com/permalink.php?story_fbid=123&id=hoithi'),
    );
    expect(postIdentity(`${page}/posts/pfbid02abc/`)).toBe(
      postIdentity('https://m.facebook.com/hoithi/posts/pfbid02abc?ref=x'),
    );
    expect(postIdentity(`${page}/posts/123`)).not.toBe(postIdentity(`${page}/posts/124`));
    // an Insights export names a post by `{page id}_{post id}`, or its id alone
    expect(postIdentity('104_123')).toBe(postIdentity(`${page}/posts/123`));
    expect(postIdentity(' 123 ')).toBe(postIdentity(`${page}/posts/123`));
  });
});
