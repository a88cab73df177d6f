import type { Translation } from '../../i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'room.timer': 'Đồng hồ',
  'room.timerLeft': 'Còn {time}',
  'room.timerPaused': 'Tạm dừng',
  'room.timerDone': 'Hết giờ',
  'room.now': 'Bây giờ',
  'room.next': 'Tiếp theo',
  'room.following': 'Đang theo người điều phối',
  'room.stepOut': 'Tự xem',
  'room.notFollowing': 'Người điều phối đang dẫn dắt cả phòng',
  'room.followAgain': 'Theo lại',
  'room.youLead': 'Mọi người đang theo bạn',
  'room.stopLeading': 'Dừng',
  'room.boardLocked': 'Người điều phối đã khóa bảng này: bạn xem được nhưng không sửa được.',
  'room.streamsLocked': 'Người điều phối đã khóa: {streams}',
  'room.spotlightLoading': 'Đang tải…',
  'room.hiddenWaiting': '{count} ý tưởng kín đang chờ',
};
