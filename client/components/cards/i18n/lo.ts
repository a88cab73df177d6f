import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'zoom.in': 'ຂະຫຍາຍ',
  'zoom.out': 'ຫຍໍ້',
  'zoom.fit': 'ພໍດີກັບໜ້າຈໍ',
  'cards.editorLabel': 'ຂໍ້ຄວາມໃນບັດ',
  'cards.editorHint': 'Enter ເພື່ອບັນທຶກ, Shift+Enter ເພື່ອຂຶ້ນແຖວໃໝ່, Escape ເພື່ອຍົກເລີກ.',
};
