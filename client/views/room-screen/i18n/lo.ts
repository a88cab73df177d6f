import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'screen.label': 'ແມ່ນ້ຳແຫ່ງເສັ້ນທາງການຮຽນຮູ້, ສົດ',
  'screen.contributions': '{count} ການປະກອບສ່ວນ',
  'screen.people': 'ມີ {count} ຄົນຢູ່ໃນກະດານ',
  'screen.more': 'ບັດອີກ',
  'screen.chosen': 'ທີ່ເລືອກ',
  'screen.loading': 'ກຳລັງໂຫຼດແມ່ນ້ຳ…',
  'screen.noDays': 'ເສັ້ນທາງນີ້ຍັງບໍ່ມີມື້ເທື່ອ.',
};
