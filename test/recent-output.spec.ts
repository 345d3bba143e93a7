import { RecentOutput } from './support/recent-output';

/** The bounded log a cluster test keeps of each instance (printed when a test fails). */
describe('RecentOutput', () => {
  it('keeps the last lines only, in order, and the unfinished one after them', () => {
    const out = new RecentOutput(3);
    out.write('one\ntwo\nthr');
    out.write('ee\nfour\nfi');
    expect(out.text).toBe('two\nthree\nfour\nfi');
    expect(out.prefixed('app2')).toBe('app2 | two\napp2 | three\napp2 | four\napp2 | fi');
  });

  it('cuts a very long line, and says a silent process wrote nothing', () => {
    const out = new RecentOutput();
    expect(out.prefixed('app1')).toBe('app1 | (nothing written)');
    out.write('x'.repeat(5000));
    out.write('y'.repeat(5000) + '\nok\n');
    const [long, ok] = out.text.split('\n');
    expect(long).toBe(`${'x'.repeat(2000)}… (cut)`);
    expect(ok).toBe('ok');
    expect(out.written).toBe(10_004);
  });

  it('keeps a Vietnamese letter whole when a chunk boundary splits its bytes', async () => {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    const out = new RecentOutput();
    out.follow(stream);
    const bytes = Buffer.from('Hội thi đã sẵn sàng\n');
    stream.write(bytes.subarray(0, 2)); // 'H' and the first byte of 'ộ'
    stream.end(bytes.subarray(2));
    await new Promise((resolve) => stream.once('end', resolve));
    expect(out.text).toBe('Hội thi đã sẵn sàng');
  });
});
