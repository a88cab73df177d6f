import type { Translation } from '../../i18n/define-messages.ts';
import type { en } from './en.ts';

export const lo: Translation<typeof en> = {
  'room.timer': 'ໂມງຈັບເວລາ',
  'room.timerLeft': 'ເຫຼືອ {time}',
  'room.timerPaused': 'ຢຸດຊົ່ວຄາວ',
  'room.timerDone': 'ໝົດເວລາແລ້ວ',
  'room.now': 'ດຽວນີ້',
  'room.next': 'ຕໍ່ໄປ',
  'room.following': 'ກຳລັງຕິດຕາມຜູ້ອຳນວຍຄວາມສະດວກ',
  'room.stepOut': 'ອອກຈາກການຕິດຕາມ',
  'room.notFollowing': 'ຜູ້ອຳນວຍຄວາມສະດວກກຳລັງນຳພາຫ້ອງ',
  'room.followAgain': 'ຕິດຕາມອີກ',
  'room.youLead': 'ທຸກຄົນກຳລັງຕິດຕາມທ່ານ',
  'room.stopLeading': 'ຢຸດ',
  'room.boardLocked': 'ຜູ້ອຳນວຍຄວາມສະດວກໄດ້ລັອກກະດານນີ້: ທ່ານເບິ່ງໄດ້ ແຕ່ປ່ຽນບໍ່ໄດ້.',
  'room.streamsLocked': 'ຖືກລັອກໂດຍຜູ້ອຳນວຍຄວາມສະດວກ: {streams}',
  'room.spotlightLoading': 'ກຳລັງໂຫຼດ…',
  'room.hiddenWaiting': 'ມີ {count} ຄວາມຄິດລັບກຳລັງລໍຖ້າ',
};
