import { renderEmail, renderMessage, vnDateTime } from './templates';
import { EVENT_TYPES } from './events';

const contest = {
  contestName: 'Hội thi CCHC Ngã Bảy 2022',
  contestSlug: 'nga-bay-2022',
  contestId: '5f0c1a4e-0000-4000-8000-000000000001',
};

describe('notification templates', () => {
  it('every event type has its own Vietnamese subject and a page path', () => {
    const subjects = EVENT_TYPES.map((t) => renderMessage(t, { ...contest, version: 2 }).subject);
    expect(new Set(subjects).size).toBe(EVENT_TYPES.length);
    for (const t of EVENT_TYPES) {
      const m = renderMessage(t, contest);
      expect(m.subject.startsWith('[Hội thi CCHC Ngã Bảy 2022] ')).toBe(true);
      expect(m.path).toMatch(
        // organisers' messages (fanpage readings) open the contest's console section
        /^\/(dang-nhap|doi-thi|giam-khao\/so-khao|c\/nga-bay-2022(\/ket-qua|\/truc-tiep)?|btc\/5f0c1a4e-0000-4000-8000-000000000001\/tuong-tac)$/,
      );
    }
  });

  it('text and HTML carry the same link under PUBLIC_URL; names and reasons are escaped in HTML', () => {
    const mail = renderEmail(
      'entry.returned',
      {
        ...contest,
        entryName: '<script>alert(1)</script>',
        teamNumber: 5,
        teamName: 'Phường "Hiệp Thành"',
        reasons: ['Thiếu <b>đề cương</b> & video'],
      },
      'Đội số 5',
      'https://hoithi.example.vn/',
    );
    expect(mail.url).toBe('https://hoithi.example.vn/doi-thi');
    expect(mail.text).toContain('https://hoithi.example.vn/doi-thi');
    expect(mail.text).toContain('- Thiếu <b>đề cương</b> & video');
    expect(mail.html).toContain('href="https://hoithi.example.vn/doi-thi"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Thiếu &lt;b&gt;đề cương&lt;/b&gt; &amp; video');
  });

  it('dates are dd/mm/yyyy hh:mm in Vietnam time', () => {
    expect(vnDateTime('2022-09-08T01:30:00Z')).toBe('08/09/2022 08:30');
  });
});
