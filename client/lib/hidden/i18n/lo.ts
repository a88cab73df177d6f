import type { Translation } from '../../i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'hidden.badge': 'ທ່ານຜູ້ດຽວ',
  'hidden.badgeAll': 'ລັບ',
  'hidden.failed': 'ບໍ່ໄດ້ເພີ່ມບັດຂອງທ່ານ: {message}',
  'hidden.changeFailed': 'ບັດຂອງທ່ານບໍ່ໄດ້ຖືກປ່ຽນ: {message}',
  'hidden.offline': 'ຕິດຕໍ່ເຊີບເວີບໍ່ໄດ້. ລອງໃໝ່ເມື່ອການເຊື່ອມຕໍ່ກັບມາ.',
  'hidden.more': 'ເພີ່ມເຕີມ',
  'hidden.less': 'ຫຍໍ້ລົງ',
};
