import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const vi: Translation<typeof en> = {
  'zoom.in': 'Phóng to',
  'zoom.out': 'Thu nhỏ',
  'zoom.fit': 'Vừa màn hình',
  'cards.editorLabel': 'Nội dung thẻ',
  'cards.editorHint': 'Enter để lưu, Shift+Enter để xuống dòng, Escape để hủy.',
};
