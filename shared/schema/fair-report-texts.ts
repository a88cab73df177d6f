import type { StreamKind } from './river.ts';

/**
 * The route report's headings in the reader's language (`?lang=`); the contributions themselves are
 * reported as they were written. Stream names are the built-in streams' names, for streams the route
 * left unnamed.
 */
export type ReportLanguage = 'en' | 'lo' | 'vi';
export const reportLanguages: readonly ReportLanguage[] = ['en', 'lo', 'vi'];

type Heading = 'report' | 'dates' | 'place' | 'schedule' | 'hosts' | 'river' | 'grids' | 'keyPoints' | 'plans' | 'status' | 'community' | 'fair' | 'votes' | 'points' | 'contest' | 'place_' | 'final' | 'mean' | 'notPublished' | 'none' | 'partners' | 'print' | 'contents';

export const reportTexts: Record<ReportLanguage, Record<Heading, string> & { streams: Record<StreamKind, string> }> = {
  en: {
    report: 'Route report', dates: 'Dates', place: 'Place', schedule: 'Schedule', hosts: 'Host experiences', river: 'The Learning Route river',
    grids: 'Case-study analysis', keyPoints: 'Key points', plans: 'Innovation Plans', status: 'Status', community: 'Community',
    fair: 'Innovation Plan Fair vote', votes: 'Votes', points: 'Fair points', contest: 'Contest results', place_: 'Place', final: 'Final score',
    mean: 'Committee mean', notPublished: 'Not published yet.', none: 'Nothing yet.', partners: 'Partners', print: 'Print or save as PDF', contents: 'Contents',
    streams: { knowledge: 'Knowledge brought', expectations: 'Expectations', challenges: 'Challenges', lessons: 'Lessons learned', recommendations: 'Recommendations', ideas: 'Ideas for innovation', custom: 'New stream' },
  },
  lo: {
    report: 'ລາຍງານເສັ້ນທາງ', dates: 'ວັນທີ', place: 'ສະຖານທີ່', schedule: 'ຕາຕະລາງ', hosts: 'ປະສົບການຂອງເຈົ້າພາບ', river: 'ແມ່ນ້ຳເສັ້ນທາງການຮຽນຮູ້',
    grids: 'ການວິເຄາະກໍລະນີສຶກສາ', keyPoints: 'ຈຸດສຳຄັນ', plans: 'ແຜນນະວັດຕະກຳ', status: 'ສະຖານະ', community: 'ຊຸມຊົນ',
    fair: 'ການລົງຄະແນນງານວາງສະແດງແຜນນະວັດຕະກຳ', votes: 'ຄະແນນສຽງ', points: 'ຄະແນນງານວາງສະແດງ', contest: 'ຜົນການແຂ່ງຂັນ', place_: 'ອັນດັບ', final: 'ຄະແນນສຸດທ້າຍ',
    mean: 'ສະເລ່ຍຂອງຄະນະກຳມະການ', notPublished: 'ຍັງບໍ່ທັນປະກາດ.', none: 'ຍັງບໍ່ມີ.', partners: 'ຄູ່ຮ່ວມງານ', print: 'ພິມ ຫຼື ບັນທຶກເປັນ PDF', contents: 'ເນື້ອໃນ',
    streams: { knowledge: 'ຄວາມຮູ້ທີ່ນຳມາ', expectations: 'ຄວາມຄາດຫວັງ', challenges: 'ສິ່ງທ້າທາຍ', lessons: 'ບົດຮຽນທີ່ໄດ້ຮັບ', recommendations: 'ຂໍ້ສະເໜີແນະ', ideas: 'ແນວຄວາມຄິດປະດິດສ້າງ', custom: 'ສາຍນ້ຳໃໝ່' },
  },
  vi: {
    report: 'Báo cáo lộ trình', dates: 'Thời gian', place: 'Địa điểm', schedule: 'Lịch trình', hosts: 'Kinh nghiệm của đơn vị chủ nhà', river: 'Dòng sông Lộ trình học tập',
    grids: 'Phân tích nghiên cứu điển hình', keyPoints: 'Điểm chính', plans: 'Kế hoạch đổi mới', status: 'Trạng thái', community: 'Cộng đồng',
    fair: 'Bình chọn tại Hội chợ Kế hoạch Đổi mới', votes: 'Phiếu', points: 'Điểm hội chợ', contest: 'Kết quả cuộc thi', place_: 'Hạng', final: 'Điểm tổng kết',
    mean: 'Điểm trung bình của hội đồng', notPublished: 'Chưa công bố.', none: 'Chưa có.', partners: 'Đối tác', print: 'In hoặc lưu thành PDF', contents: 'Mục lục',
    streams: { knowledge: 'Kiến thức mang đến', expectations: 'Mong đợi', challenges: 'Thách thức', lessons: 'Bài học kinh nghiệm', recommendations: 'Khuyến nghị', ideas: 'Ý tưởng đổi mới', custom: 'Dòng mới' },
  },
};
