import type { UnitKind } from '../units/unit.entity';

/**
 * The demo contest a newcomer finds on first start, modelled on the first CCHC contest of
 * Ngã Bảy city (2022). Team 5 and its model "Chính quyền 24 giờ" are from the seed article;
 * the other names are plausible examples of the city's units.
 */
export const DEMO_CONTEST = {
  slug: 'nga-bay-2022',
  name: 'Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy lần thứ 1 - năm 2022',
  description:
    'Hội thi nhằm phát huy tính năng động, sáng tạo của cán bộ, công chức, viên chức trong việc đề xuất ' +
    'mô hình, giải pháp, sáng kiến cải cách hành chính mới, hữu ích, thiết thực.',
  fanpageUrl: 'https://www.facebook.com/hoithimohinhsangkiencchcngabay',
};

export const DEMO_UNITS: { name: string; kind: UnitKind }[] = [
  { name: 'Phòng Nội vụ thành phố', kind: 'phong' },
  { name: 'Phòng Tư pháp thành phố', kind: 'phong' },
  { name: 'Phòng Tài chính - Kế hoạch thành phố', kind: 'phong' },
  { name: 'Phòng Tài nguyên và Môi trường thành phố', kind: 'phong' },
  { name: 'Phòng Văn hóa và Thông tin thành phố', kind: 'phong' },
  { name: 'Văn phòng HĐND và UBND thành phố', kind: 'ban' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND phường Ngã Bảy', kind: 'phuong' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND phường Lái Hiếu', kind: 'phuong' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành', kind: 'phuong' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Lợi', kind: 'phuong' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND xã Đại Thành', kind: 'xa' },
  { name: 'Bộ phận tiếp nhận và trả kết quả UBND xã Tân Thành', kind: 'xa' },
];

interface DemoTeam {
  number: number;
  name: string;
  unit: string;
  members: { fullName: string; position: string; isLeader?: boolean }[];
}

export const DEMO_TEAMS: DemoTeam[] = [
  {
    number: 1,
    name: 'Đội Tư pháp',
    unit: 'Phòng Tư pháp thành phố',
    members: [
      { fullName: 'Lê Thị Thu Hà', position: 'Trưởng phòng', isLeader: true },
      { fullName: 'Trần Minh Khoa', position: 'Chuyên viên' },
      { fullName: 'Nguyễn Ngọc Hân', position: 'Chuyên viên' },
    ],
  },
  {
    number: 2,
    name: 'Đội Tài chính - Kế hoạch',
    unit: 'Phòng Tài chính - Kế hoạch thành phố',
    members: [
      { fullName: 'Phạm Văn Tài', position: 'Phó Trưởng phòng', isLeader: true },
      { fullName: 'Võ Thị Kim Ngân', position: 'Chuyên viên' },
    ],
  },
  {
    number: 3,
    name: 'Đội Tài nguyên và Môi trường',
    unit: 'Phòng Tài nguyên và Môi trường thành phố',
    members: [
      { fullName: 'Huỳnh Thanh Tùng', position: 'Phó Trưởng phòng', isLeader: true },
      { fullName: 'Đặng Thị Mỹ Linh', position: 'Chuyên viên' },
    ],
  },
  {
    number: 4,
    name: 'Đội phường Ngã Bảy',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND phường Ngã Bảy',
    members: [
      { fullName: 'Nguyễn Văn Lợi', position: 'Phó Chủ tịch UBND phường', isLeader: true },
      { fullName: 'Trương Thị Bích Tuyền', position: 'Công chức Văn phòng - Thống kê' },
    ],
  },
  {
    number: 5,
    name: 'Đội phường Hiệp Thành',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
    members: [
      { fullName: 'Phạm Hoài Bạch', position: 'Phó Chủ tịch UBND phường', isLeader: true },
      { fullName: 'Lâm Thị Ngọc Diễm', position: 'Công chức Văn phòng - Thống kê' },
      { fullName: 'Châu Minh Trí', position: 'Công chức Tư pháp - Hộ tịch' },
    ],
  },
  {
    number: 6,
    name: 'Đội phường Lái Hiếu',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND phường Lái Hiếu',
    members: [
      { fullName: 'Đoàn Văn Hậu', position: 'Phó Chủ tịch UBND phường', isLeader: true },
      { fullName: 'Lý Thị Thanh Thảo', position: 'Công chức Địa chính - Xây dựng' },
    ],
  },
  {
    number: 7,
    name: 'Đội phường Hiệp Lợi',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Lợi',
    members: [
      { fullName: 'Tô Văn Nghĩa', position: 'Phó Chủ tịch UBND phường', isLeader: true },
      { fullName: 'Mai Thị Hồng Nhung', position: 'Công chức Văn hóa - Xã hội' },
    ],
  },
  {
    number: 8,
    name: 'Đội xã Đại Thành',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND xã Đại Thành',
    members: [
      { fullName: 'Quách Văn Thành', position: 'Phó Chủ tịch UBND xã', isLeader: true },
      { fullName: 'Dương Thị Kiều Oanh', position: 'Công chức Tư pháp - Hộ tịch' },
    ],
  },
  {
    number: 9,
    name: 'Đội xã Tân Thành',
    unit: 'Bộ phận tiếp nhận và trả kết quả UBND xã Tân Thành',
    members: [
      { fullName: 'Hồ Văn Phúc', position: 'Phó Chủ tịch UBND xã', isLeader: true },
      { fullName: 'Cao Thị Yến Nhi', position: 'Công chức Văn phòng - Thống kê' },
    ],
  },
];

/** Five judges; one works in Phòng Tư pháp, which also fields team 1 (a conflict of interest). */
export const DEMO_JUDGES = [
  { username: 'gk.nguyen', displayName: 'Nguyễn Minh Triều', unit: 'Phòng Nội vụ thành phố' },
  {
    username: 'gk.tran',
    displayName: 'Trần Thị Kim Loan',
    unit: 'Văn phòng HĐND và UBND thành phố',
  },
  {
    username: 'gk.le',
    displayName: 'Lê Hoàng Phong',
    unit: 'Phòng Văn hóa và Thông tin thành phố',
  },
  { username: 'gk.pham', displayName: 'Phạm Thị Thanh Xuân', unit: 'Phòng Tư pháp thành phố' },
  { username: 'gk.vo', displayName: 'Võ Văn Hùng', unit: 'Phòng Nội vụ thành phố' },
];

/** The secretary of the organising board: shown as "Nguyễn Văn An (BTC)". */
export const DEMO_ORGANISER = { username: 'btc.thuky', displayName: 'Nguyễn Văn An' };
