import type { Translation } from '../../i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'hidden.badge': 'Chỉ bạn',
  'hidden.badgeAll': 'Kín',
  'hidden.failed': 'Thẻ của bạn chưa được thêm: {message}',
  'hidden.changeFailed': 'Thẻ của bạn chưa được thay đổi: {message}',
  'hidden.offline': 'không kết nối được máy chủ. Hãy thử lại khi có kết nối.',
  'hidden.more': 'Thêm',
  'hidden.less': 'Thu gọn',
};
