import type { Day, Group, Host, RouteSetup, ScheduleItem, Team } from '../../shared/schema/route.ts';

/**
 * The demo route seeded on first start: the second Laos Learning Route, "Pro-Rural Poor Public and Private
 * Partnership in Lao PDR, seen through women's eyes", Attapeu province, 06–10 May 2013, from the
 * programme and the innovation plans published by PROCASUR (see the product brief's sources).
 */
export const laos2013Id = 'laos-2013';

const days: Day[] = [
  { id: 'd1', date: '2013-05-06', title: 'Opening and Experience Fair' },
  { id: 'd2', date: '2013-05-07', title: 'Organic Asparagus, Darkhied' },
  { id: 'd3', date: '2013-05-08', title: 'Taliang Natural Dyes, Vang Xai' },
  { id: 'd4', date: '2013-05-09', title: 'Organic Coffee, Dakseum' },
  { id: 'd5', date: '2013-05-10', title: 'Innovation Plan Fair and closing' },
];

const schedule: ScheduleItem[] = [
  { id: 's1', dayId: 'd1', time: '08:30', title: 'Opening and introduction of RLIP' },
  { id: 's2', dayId: 'd1', time: '10:00', title: 'Objectives of the Learning Route' },
  { id: 's3', dayId: 'd1', time: '14:00', title: 'Experience Fair: each team presents its innovation areas' },
  { id: 's4', dayId: 'd2', time: '08:00', title: 'Field visit: Organic Asparagus Producers’ Group' },
  { id: 's5', dayId: 'd2', time: '10:30', title: 'Open floor with the community' },
  { id: 's6', dayId: 'd2', time: '15:00', title: 'Case Study Analysis' },
  { id: 's7', dayId: 'd3', time: '08:00', title: 'Working on the Innovation Plans' },
  { id: 's8', dayId: 'd3', time: '10:30', title: 'Field visit: Taliang Natural Dyes Group' },
  { id: 's9', dayId: 'd3', time: '14:30', title: 'Case Study Analysis in the village; feedback to the community' },
  { id: 's10', dayId: 'd4', time: '08:00', title: 'Field visit: Organic Coffee Producers’ Group' },
  { id: 's11', dayId: 'd4', time: '14:00', title: 'Case Study Analysis; feedback' },
  { id: 's12', dayId: 'd5', time: '08:30', title: 'Working on the Innovation Plans' },
  { id: 's13', dayId: 'd5', time: '13:30', title: 'Innovation Plan Fair: presentations and vote' },
  { id: 's14', dayId: 'd5', time: '16:30', title: 'Closing' },
];

const hosts: Host[] = [
  {
    id: 'asparagus',
    dayId: 'd2',
    name: 'Organic Asparagus Producers’ Group',
    place: 'Darkhied village, Sansai district',
    summary: '21 Alak families selling organic asparagus directly to an organic trader under contract.',
  },
  {
    id: 'dyes',
    dayId: 'd3',
    name: 'Taliang Natural Dyes Group',
    place: 'Vang Xai village, Sansai district',
    summary: '10 Taliang women combining traditional dyeing knowledge with today’s market trends.',
  },
  {
    id: 'coffee',
    dayId: 'd4',
    name: 'Organic Coffee Producers’ Group',
    place: 'Dakseum village, Sansai district',
    summary: 'An Alak community growing organic coffee since 1994, selling at scale through market contracts since 2009.',
  },
];

const groups: Group[] = [
  { id: 'g1', name: 'Group 1' },
  { id: 'g2', name: 'Group 2' },
  { id: 'g3', name: 'Group 3' },
];

const teams: Team[] = [
  {
    id: 'taliang',
    name: 'Vang Xai team',
    organisation: 'Taliang Natural Dyes Group',
    planTitle: 'Strengthening Taliang’s group structure and internal capacity building to access the market',
    community: 'Vang Xai, Attapeu',
  },
  {
    id: 'watermelon',
    name: 'Sansai team',
    organisation: 'RLIP',
    planTitle: 'Improving organic watermelon plantation in Sansai district',
    community: 'Sansai district, Attapeu',
  },
  {
    id: 'chilli',
    name: 'Dongvai team',
    organisation: 'Dongvai community',
    planTitle: 'Community based knowledge exchange to improve chilli plantation quality',
    community: 'Dongvai, Champasak',
  },
  {
    id: 'coffee-katua',
    name: 'Paksong team',
    organisation: 'Katua community',
    planTitle: 'Strengthening Katua’s community knowledge on coffee marketing and promotion',
    community: 'Paksong, Champasak',
  },
  {
    id: 'livestock',
    name: 'Sekong team',
    organisation: 'Sekong livestock network',
    planTitle: 'Community based network on livestock vaccination',
    community: 'Sekong province',
  },
];

export const laos2013: RouteSetup & { days: Day[]; schedule: ScheduleItem[]; hosts: Host[]; groups: Group[]; teams: Team[] } = {
  title: 'Pro-Rural Poor Public and Private Partnership in Lao PDR',
  place: 'Attapeu province, Lao PDR',
  startDate: '2013-05-06',
  endDate: '2013-05-10',
  days,
  schedule,
  hosts,
  groups,
  teams,
};

/** A few contributions so the river is not empty: [stream, day, author, text]. */
export const laos2013Cards: Array<[string, string, string, string]> = [
  ['knowledge', 'd1', 'Vongdala', 'Our group sells cardamom through a trader in Sayaboury'],
  ['expectations', 'd1', 'Khamla', 'Learn how women’s groups negotiate with private companies'],
  ['expectations', 'd1', 'Noy', 'Ideas to reach the market with organic vegetables'],
  ['challenges', 'd1', 'Phet', 'Roads are cut in the rainy season'],
  ['knowledge', 'd2', 'Souk', 'The contract fixes the price before planting: the families carry less risk'],
  ['lessons', 'd2', 'Khamla', 'Group cohesion and a shared vision come before the contract'],
  ['challenges', 'd2', 'Noy', 'Organic certification is expensive for a small group'],
  ['lessons', 'd3', 'Vongdala', 'Traditional knowledge has a market when quality is steady'],
  ['recommendations', 'd3', 'Phet', 'Keep the group’s accounts open to every member'],
  ['lessons', 'd4', 'Souk', 'Financial transparency built trust with the buyer'],
  ['recommendations', 'd4', 'Khamla', 'Share roles between women and men in the group'],
  ['ideas', 'd5', 'Noy', 'Farmer-to-farmer exchange on chilli quality in Dongvai'],
  ['ideas', 'd5', 'Vongdala', 'A natural-dye training in Xaysetha district'],
];

/** A start on the case-study grids, as groups wrote after the visits: [host, group, row, column, author, text]. */
export const laos2013GridCards: Array<[string, string, string, string, string, string]> = [
  ['asparagus', 'g1', 'story', 'community', 'Souk', '21 Alak families grow asparagus together since 2010'],
  ['asparagus', 'g1', 'partnership', 'privateSector', 'Khamla', 'The trader fixes the price before planting and collects at the farm'],
  ['asparagus', 'g1', 'partnership', 'publicSector', 'Noy', 'The district agriculture office trains on organic methods'],
  ['asparagus', 'g2', 'results', 'community', 'Phet', 'Income is steadier; children stay in school longer'],
  ['asparagus', 'g2', 'challenges', 'community', 'Vongdala', 'Certification costs more than the group can pay alone'],
  ['asparagus', 'g3', 'lessons', 'community', 'Khamla', 'Trust first, contract second'],
  ['dyes', 'g1', 'story', 'community', 'Vongdala', 'Ten Taliang women dye cotton with forest plants'],
  ['dyes', 'g2', 'innovations', 'privateSector', 'Souk', 'New colours and patterns asked for by shops in Pakse'],
  ['dyes', 'g3', 'successFactors', 'community', 'Noy', 'Each woman knows her role: dyeing, weaving, selling'],
  ['coffee', 'g1', 'actors', 'privateSector', 'Phet', 'An exporter buys the whole harvest under a market contract'],
  ['coffee', 'g2', 'results', 'community', 'Khamla', 'Organic coffee since 1994; sales at scale since 2009'],
  ['coffee', 'g3', 'bringHome', 'community', 'Souk', 'Open accounts for every member, read out at each meeting'],
];
