import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'zoom.in': 'ຂະຫຍາຍ',
  'zoom.out': 'ຫຍໍ້',
  'zoom.fit': 'ພໍດີກັບໜ້າຈໍ',
  'cards.editorLabel': 'ຂໍ້ຄວາມໃນບັດ',
  'cards.editorHint': 'Enter ເພື່ອບັນທຶກ, Shift+Enter ເພື່ອຂຶ້ນແຖວໃໝ່, Escape ເພື່ອຍົກເລີກ.',
  'selection.count': 'ເລືອກແລ້ວ {count}',
  'selection.clear': 'ຍົກເລີກການເລືອກ',
  'selection.colors': 'ສີບັດ',
  'color.0': 'ສີເຫຼືອງ',
  'color.1': 'ສີສົ້ມອ່ອນ',
  'color.2': 'ສີຂຽວ',
  'color.3': 'ສີຟ້າ',
  'color.4': 'ສີມ່ວງອ່ອນ',
  'color.5': 'ສີບົວ',
  'color.6': 'ສີຂາວ',
  'toolbar.undo': 'ຍ້ອນກັບ',
  'toolbar.redo': 'ເຮັດຄືນ',
  'toolbar.undoHint': 'ຍ້ອນກັບການປ່ຽນແປງຫຼ້າສຸດຂອງທ່ານ (Ctrl+Z)',
  'toolbar.redoHint': 'ເຮັດຄືນ (Ctrl+Shift+Z)',
  'dialog.cancel': 'ຍົກເລີກ',
};
