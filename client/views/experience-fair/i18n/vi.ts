import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'experience.title': 'Hội chợ kinh nghiệm',
  'experience.intro': 'Mỗi nhóm giới thiệu các lĩnh vực đổi mới mình mang đến: mỗi lĩnh vực một thẻ.',
  'experience.loading': 'Đang tải Hội chợ kinh nghiệm…',
  'experience.noTeams': 'Lộ trình này chưa có nhóm nào. Người điều phối thêm nhóm trong phần Thiết lập.',
  'experience.noSuchTeam': 'Lộ trình này không có nhóm đó.',
};
