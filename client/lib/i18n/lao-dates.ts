const months = ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ', 'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ'];
const weekdays = ['ອາທິດ', 'ຈັນ', 'ອັງຄານ', 'ພຸດ', 'ພະຫັດ', 'ສຸກ', 'ເສົາ'];

/** "ຈັນ 6 ພຶດສະພາ", "6 ພຶດສະພາ 2013": Lao writes day, month, year. Dates are UTC calendar days. */
export function laoDate(date: Date, parts: { weekday?: boolean; year?: boolean }): string {
  const text = `${date.getUTCDate()} ${months[date.getUTCMonth()]}${parts.year ? ` ${date.getUTCFullYear()}` : ''}`;
  return parts.weekday ? `${weekdays[date.getUTCDay()]} ${text}` : text;
}

/** "6–10 ພຶດສະພາ 2013", naming the month and year once when both days share them. */
export function laoDateRange(start: Date, end: Date): string {
  if (start.getUTCFullYear() !== end.getUTCFullYear()) return `${laoDate(start, { year: true })} – ${laoDate(end, { year: true })}`;
  if (start.getUTCMonth() !== end.getUTCMonth()) return `${laoDate(start, {})} – ${laoDate(end, { year: true })}`;
  return `${start.getUTCDate()}–${laoDate(end, { year: true })}`;
}
