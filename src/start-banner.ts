import { networkInterfaces } from 'node:os';

export interface BannerInput {
  /** PUBLIC_URL when set */
  publicUrl?: string;
  https: boolean;
  host: string;
  port: number;
  /** the newest contest's slug, for the live board's address */
  liveBoardSlug: string | null;
  webApp: boolean;
  /** DATA_DIR/initial-accounts.txt when it exists */
  initialAccountsFile: string | null;
  adminPasswordFromEnv: boolean;
  /** IPv4 addresses of this machine's network cards (a hall's tablets use one of them) */
  lanAddresses?: string[];
}

/**
 * The last lines of the start-up output: where each group of people opens the app, the API
 * docs, and where the first start's passwords are. On a hall's laptop (HOST 0.0.0.0) the
 * addresses use its LAN address, the one the tablets type.
 */
export function startBanner(input: BannerInput): string {
  const scheme = input.https ? 'https' : 'http';
  const wildcard = ['0.0.0.0', '::', ''].includes(input.host);
  const lan = input.lanAddresses ?? lanAddresses();
  const hosts = wildcard ? [...lan, 'localhost'] : [input.host];
  const origins = hosts.map((h) => `${scheme}://${h.includes(':') ? `[${h}]` : h}:${input.port}`);
  const base = (input.publicUrl ?? origins[0]!).replace(/\/+$/, '');
  const rows: [string, string][] = [];
  if (input.webApp) {
    rows.push(['Người dân / citizens', `${base}/`]);
    rows.push(['Đội thi / teams', `${base}/doi-thi`]);
    rows.push(['Giám khảo / judges', `${base}/giam-khao`]);
    rows.push(['Ban tổ chức / organisers', `${base}/btc`]);
    if (input.liveBoardSlug)
      rows.push(['Bảng trực tiếp / live board', `${base}/c/${input.liveBoardSlug}/truc-tiep`]);
  } else {
    rows.push(['Ứng dụng web / web app', 'chưa build (npm run build): chỉ có API']);
  }
  rows.push(['Tài liệu API / API docs', `${base}/api/docs`]);
  rows.push([
    'Mật khẩu ban đầu / passwords',
    input.initialAccountsFile
      ? input.initialAccountsFile
      : input.adminPasswordFromEnv
        ? 'admin: ADMIN_PASSWORD; các tài khoản khác đã đổi mật khẩu'
        : 'đã đổi hết (tệp initial-accounts.txt đã xóa)',
  ]);
  const others = input.publicUrl ? origins : origins.slice(1);
  if (others.length) rows.push(['Cũng mở được tại / also', others.join('  ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = '='.repeat(72);
  return [
    '',
    `${rule}`,
    `  Hội thi CCHC đã sẵn sàng / ready`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    `${rule}`,
    '',
  ].join('\n');
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}
