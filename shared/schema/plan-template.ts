/**
 * The contest template of an Innovation Plan: its sections, as the contest guidelines name them, with what
 * the committee's rubric asks of each, in the three languages of the app. Shared because the client shows
 * them and the server's exports write the headings.
 */
export type PlanLanguage = 'en' | 'lo' | 'vi';

export const planLanguages: readonly PlanLanguage[] = ['en', 'lo', 'vi'];

export const planSectionIds = [
  'problem',
  'users',
  'objectives',
  'methodology',
  'activities',
  'outputs',
  'budget',
  'partnerships',
  'risks',
] as const;

export type PlanSectionId = (typeof planSectionIds)[number];

export function isPlanSectionId(value: unknown): value is PlanSectionId {
  return typeof value === 'string' && (planSectionIds as readonly string[]).includes(value);
}

interface SectionText {
  title: string;
  /** What to write, from the contest guidelines. */
  guidance: string;
  /** What the committee will look for (the rubric's questions). */
  rubric: string;
}

export const planSectionTexts: Record<PlanLanguage, Record<PlanSectionId, SectionText>> = {
  en: {
    problem: {
      title: 'Problem / topic',
      guidance: 'Which problem or opportunity does the plan address, where, and why now? Use facts from your community.',
      rubric: 'Is the problem clearly presented?',
    },
    users: {
      title: 'Direct users and indirect beneficiaries',
      guidance: 'Who will use the results directly (how many, women and men), and who benefits indirectly?',
      rubric: 'Are the direct and indirect users identified?',
    },
    objectives: {
      title: 'General and specific objectives',
      guidance: 'One general objective, and two or three specific objectives that lead to it.',
      rubric: 'Do the objectives follow from the problem (internal coherence)?',
    },
    methodology: {
      title: 'Methodology',
      guidance: 'Who takes part in the design, execution and use (which partners), and how the work leads to the objectives.',
      rubric: 'Is the methodology participative, clear and results-oriented?',
    },
    activities: {
      title: 'Activities and schedule',
      guidance: 'The main activities, who is in charge and when. Fill the schedule table below.',
      rubric: 'Is the plan feasible within the planned time?',
    },
    outputs: {
      title: 'Outputs and outcomes',
      guidance: 'The products the plan delivers and the results they bring, real and verifiable by the end.',
      rubric: 'Are outputs and outcomes clear, real, verifiable, observable and measurable?',
    },
    budget: {
      title: 'Budget',
      guidance: 'What each item costs, what you request from the contest (up to the cap) and what partners contribute.',
      rubric: 'Is the plan feasible within the budget?',
    },
    partnerships: {
      title: 'Partnerships and complementarities',
      guidance: 'Which organisations work with you, what each brings, and how the plan fits your organisation’s strategy.',
      rubric: 'Is it aligned with the organisation’s strategy, with value added by the partners?',
    },
    risks: {
      title: 'Risks and sustainability',
      guidance: 'What could go wrong and what you will do then; how the results last after the contest’s funding.',
      rubric: 'Is it sustainable within the time frame and the existing managerial capacity?',
    },
  },
  lo: {
    problem: {
      title: 'ບັນຫາ / ຫົວຂໍ້',
      guidance: 'ແຜນນີ້ແກ້ໄຂບັນຫາ ຫຼື ໂອກາດຫຍັງ, ຢູ່ໃສ, ແລະ ເປັນຫຍັງຈຶ່ງຕ້ອງເຮັດດຽວນີ້? ໃຊ້ຂໍ້ມູນຈິງຈາກຊຸມຊົນຂອງທ່ານ.',
      rubric: 'ບັນຫາໄດ້ຖືກນຳສະເໜີຢ່າງຈະແຈ້ງບໍ່?',
    },
    users: {
      title: 'ຜູ້ນຳໃຊ້ໂດຍກົງ ແລະ ຜູ້ໄດ້ຮັບຜົນປະໂຫຍດທາງອ້ອມ',
      guidance: 'ໃຜຈະນຳໃຊ້ຜົນໂດຍກົງ (ຈັກຄົນ, ຍິງ ແລະ ຊາຍ), ແລະ ໃຜໄດ້ຮັບຜົນປະໂຫຍດທາງອ້ອມ?',
      rubric: 'ໄດ້ລະບຸຜູ້ນຳໃຊ້ໂດຍກົງ ແລະ ທາງອ້ອມແລ້ວບໍ່?',
    },
    objectives: {
      title: 'ເປົ້າໝາຍລວມ ແລະ ເປົ້າໝາຍສະເພາະ',
      guidance: 'ເປົ້າໝາຍລວມໜຶ່ງຂໍ້, ແລະ ເປົ້າໝາຍສະເພາະສອງຫາສາມຂໍ້ທີ່ນຳໄປສູ່ເປົ້າໝາຍລວມ.',
      rubric: 'ເປົ້າໝາຍສອດຄ່ອງກັບບັນຫາບໍ່?',
    },
    methodology: {
      title: 'ວິທີການ',
      guidance: 'ໃຜມີສ່ວນຮ່ວມໃນການອອກແບບ, ການຈັດຕັ້ງປະຕິບັດ ແລະ ການນຳໃຊ້ (ພາກສ່ວນໃດ), ແລະ ວຽກງານນຳໄປສູ່ເປົ້າໝາຍແນວໃດ.',
      rubric: 'ວິທີການມີສ່ວນຮ່ວມ, ຈະແຈ້ງ ແລະ ມຸ່ງເນັ້ນຜົນໄດ້ຮັບບໍ່?',
    },
    activities: {
      title: 'ກິດຈະກຳ ແລະ ແຜນເວລາ',
      guidance: 'ກິດຈະກຳຫຼັກ, ໃຜຮັບຜິດຊອບ ແລະ ເມື່ອໃດ. ຕື່ມຕາຕະລາງແຜນເວລາຂ້າງລຸ່ມ.',
      rubric: 'ແຜນສາມາດເຮັດໄດ້ພາຍໃນເວລາທີ່ວາງໄວ້ບໍ່?',
    },
    outputs: {
      title: 'ຜົນຜະລິດ ແລະ ຜົນໄດ້ຮັບ',
      guidance: 'ຜະລິດຕະພັນທີ່ແຜນຈະສ້າງ ແລະ ຜົນທີ່ມັນນຳມາ, ເປັນຈິງ ແລະ ກວດສອບໄດ້ໃນທ້າຍໂຄງການ.',
      rubric: 'ຜົນຜະລິດ ແລະ ຜົນໄດ້ຮັບຈະແຈ້ງ, ເປັນຈິງ ແລະ ວັດແທກໄດ້ບໍ່?',
    },
    budget: {
      title: 'ງົບປະມານ',
      guidance: 'ແຕ່ລະລາຍການມີມູນຄ່າເທົ່າໃດ, ທ່ານຂໍຈາກການແຂ່ງຂັນເທົ່າໃດ (ບໍ່ເກີນເພດານ) ແລະ ຄູ່ຮ່ວມງານປະກອບສ່ວນເທົ່າໃດ.',
      rubric: 'ແຜນສາມາດເຮັດໄດ້ພາຍໃນງົບປະມານບໍ່?',
    },
    partnerships: {
      title: 'ການຮ່ວມມື ແລະ ການເສີມສ້າງກັນ',
      guidance: 'ອົງການໃດເຮັດວຽກກັບທ່ານ, ແຕ່ລະອົງການນຳຫຍັງມາ, ແລະ ແຜນສອດຄ່ອງກັບຍຸດທະສາດຂອງອົງການທ່ານແນວໃດ.',
      rubric: 'ສອດຄ່ອງກັບຍຸດທະສາດຂອງອົງການ ແລະ ມີຄຸນຄ່າເພີ່ມຈາກຄູ່ຮ່ວມງານບໍ່?',
    },
    risks: {
      title: 'ຄວາມສ່ຽງ ແລະ ຄວາມຍືນຍົງ',
      guidance: 'ມີຫຍັງອາດຜິດພາດ ແລະ ທ່ານຈະເຮັດແນວໃດ; ຜົນຈະຍືນຍົງແນວໃດຫຼັງຈາກທຶນຂອງການແຂ່ງຂັນໝົດ.',
      rubric: 'ມີຄວາມຍືນຍົງພາຍໃນກຳນົດເວລາ ແລະ ຄວາມສາມາດໃນການຄຸ້ມຄອງທີ່ມີຢູ່ບໍ່?',
    },
  },
  vi: {
    problem: {
      title: 'Vấn đề / chủ đề',
      guidance: 'Kế hoạch giải quyết vấn đề hay cơ hội nào, ở đâu, và vì sao lúc này? Dùng số liệu từ cộng đồng của bạn.',
      rubric: 'Vấn đề có được trình bày rõ ràng không?',
    },
    users: {
      title: 'Người sử dụng trực tiếp và người hưởng lợi gián tiếp',
      guidance: 'Ai sẽ trực tiếp sử dụng kết quả (bao nhiêu người, nam và nữ), và ai hưởng lợi gián tiếp?',
      rubric: 'Người sử dụng trực tiếp và gián tiếp đã được xác định chưa?',
    },
    objectives: {
      title: 'Mục tiêu chung và mục tiêu cụ thể',
      guidance: 'Một mục tiêu chung, và hai hoặc ba mục tiêu cụ thể dẫn đến mục tiêu chung.',
      rubric: 'Các mục tiêu có xuất phát từ vấn đề (tính nhất quán nội bộ) không?',
    },
    methodology: {
      title: 'Phương pháp',
      guidance: 'Ai tham gia thiết kế, thực hiện và sử dụng (những đối tác nào), và công việc dẫn đến mục tiêu như thế nào.',
      rubric: 'Phương pháp có mang tính tham gia, rõ ràng và hướng đến kết quả không?',
    },
    activities: {
      title: 'Hoạt động và lịch trình',
      guidance: 'Các hoạt động chính, ai phụ trách và khi nào. Điền bảng lịch trình bên dưới.',
      rubric: 'Kế hoạch có khả thi trong thời gian dự kiến không?',
    },
    outputs: {
      title: 'Sản phẩm đầu ra và kết quả',
      guidance: 'Những sản phẩm kế hoạch tạo ra và kết quả chúng mang lại, có thật và kiểm chứng được khi kết thúc.',
      rubric: 'Sản phẩm và kết quả có rõ ràng, có thật, kiểm chứng và đo lường được không?',
    },
    budget: {
      title: 'Ngân sách',
      guidance: 'Chi phí từng hạng mục, số tiền đề nghị cuộc thi tài trợ (không vượt mức trần) và phần đóng góp của đối tác.',
      rubric: 'Kế hoạch có khả thi trong ngân sách không?',
    },
    partnerships: {
      title: 'Quan hệ đối tác và bổ trợ',
      guidance: 'Những tổ chức nào cùng làm, mỗi bên đóng góp gì, và kế hoạch phù hợp với chiến lược của tổ chức bạn ra sao.',
      rubric: 'Có phù hợp với chiến lược của tổ chức, có giá trị gia tăng từ các đối tác không?',
    },
    risks: {
      title: 'Rủi ro và tính bền vững',
      guidance: 'Điều gì có thể không như ý và bạn sẽ làm gì khi đó; kết quả duy trì thế nào sau khi hết tài trợ của cuộc thi.',
      rubric: 'Có bền vững trong khung thời gian và năng lực quản lý hiện có không?',
    },
  },
};

/** Labels the exports and the print layout write beside the sections. */
export const planExportTexts: Record<PlanLanguage, Record<'team' | 'organisation' | 'community' | 'route' | 'schedule' | 'budget' | 'activity' | 'who' | 'start' | 'end' | 'item' | 'requested' | 'contribution' | 'partner' | 'total' | 'untitled', string>> = {
  en: {
    team: 'Team', organisation: 'Organisation', community: 'Community', route: 'Learning Route',
    schedule: 'Schedule', budget: 'Budget (USD)', activity: 'Activity', who: 'Who', start: 'Start', end: 'End',
    item: 'Item', requested: 'Requested from the contest', contribution: 'Partners’ contribution', partner: 'Partner',
    total: 'Total', untitled: 'Innovation Plan',
  },
  lo: {
    team: 'ທີມ', organisation: 'ອົງການ', community: 'ຊຸມຊົນ', route: 'ເສັ້ນທາງການຮຽນຮູ້',
    schedule: 'ແຜນເວລາ', budget: 'ງົບປະມານ (ໂດລາສະຫະລັດ)', activity: 'ກິດຈະກຳ', who: 'ຜູ້ຮັບຜິດຊອບ', start: 'ເລີ່ມ', end: 'ສິ້ນສຸດ',
    item: 'ລາຍການ', requested: 'ຂໍຈາກການແຂ່ງຂັນ', contribution: 'ການປະກອບສ່ວນຂອງຄູ່ຮ່ວມງານ', partner: 'ຄູ່ຮ່ວມງານ',
    total: 'ລວມ', untitled: 'ແຜນການປະດິດສ້າງ',
  },
  vi: {
    team: 'Nhóm', organisation: 'Tổ chức', community: 'Cộng đồng', route: 'Tuyến học tập',
    schedule: 'Lịch trình', budget: 'Ngân sách (USD)', activity: 'Hoạt động', who: 'Người phụ trách', start: 'Bắt đầu', end: 'Kết thúc',
    item: 'Hạng mục', requested: 'Đề nghị cuộc thi tài trợ', contribution: 'Đóng góp của đối tác', partner: 'Đối tác',
    total: 'Tổng', untitled: 'Kế hoạch đổi mới',
  },
};
