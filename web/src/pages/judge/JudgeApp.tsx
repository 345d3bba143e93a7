import { Page } from '../../components/ui';

export function JudgeApp(_props: { path: string }) {
  return <Page title="Đang xây dựng">Trang này đang được xây dựng.</Page>;
}
