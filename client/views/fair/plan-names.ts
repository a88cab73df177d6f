import type { Team } from '../../../shared/schema/route.ts';

/** What a tally or ballot line says about a plan: its title as set up (or the team's name), and the team. */
export function planNames(teams: Team[]): Record<string, { plan: string; team: string }> {
  return Object.fromEntries(teams.map((team) => [team.id, { plan: team.planTitle || team.name, team: team.name }]));
}
