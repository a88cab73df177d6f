import type { Translation } from '../../../lib/i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'experience.title': 'ງານວາງສະແດງປະສົບການ',
  'experience.intro': 'ແຕ່ລະທີມນຳສະເໜີຂົງເຂດນະວັດຕະກຳທີ່ຕົນນຳມາ: ໜຶ່ງບັດຕໍ່ໜຶ່ງຂົງເຂດ.',
  'experience.loading': 'ກຳລັງໂຫຼດງານວາງສະແດງປະສົບການ…',
  'experience.noTeams': 'ເສັ້ນທາງນີ້ຍັງບໍ່ມີທີມ. ຜູ້ອຳນວຍຄວາມສະດວກເພີ່ມທີມໃນການຕັ້ງຄ່າ.',
  'experience.noSuchTeam': 'ເສັ້ນທາງນີ້ບໍ່ມີທີມນີ້.',
};
