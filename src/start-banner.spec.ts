import { startBanner } from './start-banner';

describe('start-up banner', () => {
  const base = {
    https: false,
    host: '0.0.0.0',
    port: 3000,
    liveBoardSlug: 'nga-bay-2022',
    webApp: true,
    initialAccountsFile: '/srv/cchc/data/initial-accounts.txt',
    adminPasswordFromEnv: false,
    lanAddresses: ['192.168.1.10'],
  };

  it("names every group's address on the LAN address, the API docs and the passwords file", () => {
    const text = startBanner(base);
    for (const line of [
      'http://192.168.1.10:3000/',
      'http://192.168.1.10:3000/doi-thi',
      'http://192.168.1.10:3000/giam-khao',
      'http://192.168.1.10:3000/btc',
      'http://192.168.1.10:3000/c/nga-bay-2022/truc-tiep',
      'http://192.168.1.10:3000/api/docs',
      '/srv/cchc/data/initial-accounts.txt',
      'http://localhost:3000',
    ])
      expect(text).toContain(line);
    expect(text.trim().split('\n').at(-1)).toMatch(/^=+$/);
  });

  it('uses PUBLIC_URL and https when set', () => {
    const text = startBanner({
      ...base,
      https: true,
      publicUrl: 'https://hoithi.example.gov.vn/',
    });
    expect(text).toContain('https://hoithi.example.gov.vn/giam-khao');
    expect(text).toContain('https://192.168.1.10:3000');
  });

  it('says when the passwords were all changed, and when the web app is not built', () => {
    const text = startBanner({ ...base, initialAccountsFile: null, webApp: false });
    expect(text).toContain('đã đổi hết');
    expect(text).toContain('chỉ có API');
    expect(text).not.toContain('/giam-khao');
  });
});
