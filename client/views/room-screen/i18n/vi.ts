import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'screen.label': 'Dòng sông Hành trình học tập, trực tiếp',
  'screen.contributions': '{count} đóng góp',
  'screen.people': '{count} người đang ở trên bảng',
  'screen.more': 'thẻ nữa',
  'screen.chosen': 'Được chọn',
  'screen.loading': 'Đang tải dòng sông…',
  'screen.noDays': 'Hành trình này chưa có ngày nào.',
};
