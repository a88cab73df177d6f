/** The Experience Fair's strings in English: the reference catalog for the Lao and Vietnamese ones. */
export const en = {
  'experience.title': 'Experience Fair',
  'experience.intro': 'Each team presents the innovation areas it brings: one card per area.',
  'experience.loading': 'Loading the Experience Fair…',
  'experience.noTeams': 'This route has no teams yet. The facilitator adds them in Setup.',
  'experience.noSuchTeam': 'This route has no such team.',
};
