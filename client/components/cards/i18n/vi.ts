import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'zoom.in': 'Phóng to',
  'zoom.out': 'Thu nhỏ',
  'zoom.fit': 'Vừa màn hình',
  'cards.editorLabel': 'Nội dung thẻ',
  'cards.editorHint': 'Enter để lưu, Shift+Enter để xuống dòng, Escape để hủy.',
  'selection.count': 'Đã chọn {count}',
  'selection.clear': 'Bỏ chọn',
  'selection.colors': 'Màu thẻ',
  'color.0': 'Vàng',
  'color.1': 'Màu đào',
  'color.2': 'Xanh lá',
  'color.3': 'Xanh dương',
  'color.4': 'Tím nhạt',
  'color.5': 'Hồng',
  'color.6': 'Trắng',
  'toolbar.undo': 'Hoàn tác',
  'toolbar.redo': 'Làm lại',
  'toolbar.undoHint': 'Hoàn tác thay đổi gần nhất của bạn (Ctrl+Z)',
  'toolbar.redoHint': 'Làm lại (Ctrl+Shift+Z)',
  'dialog.cancel': 'Hủy',
};
