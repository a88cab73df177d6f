import { joinRoute, lookUpCode, type CodeInfo, type JoinRole } from '../../lib/api/join.ts';
import type { ApiResult } from '../../lib/api/request.ts';
import { keepToken, tokenFor } from '../../lib/connection/token.ts';
import { nameOfToken, roleOfToken } from '../../lib/control/my-role.ts';
import { adoptJoinedPerson } from '../../lib/identity/identity.svelte.ts';
import { pathOf } from '../../lib/routing/pages.ts';
import { has, t } from './i18n/index.ts';

/** Where each role starts once joined. */
function startPage(role: JoinRole, routeId: string): string {
  if (role === 'screen') return pathOf({ name: 'screen', routeId });
  if (role === 'committee') return pathOf({ name: 'committee', routeId });
  return pathOf({ name: 'river', routeId });
}

/**
 * Joining in two steps: the code (checked with the server, which says what it opens), then who the person
 * is. The token the server answers is kept like a link's, and the page reloads into the route.
 */
export class JoinFlow {
  code = $state('');
  name = $state('');
  teamId = $state('');
  groupId = $state('');
  info = $state<CodeInfo | null>(null);
  isBusy = $state(false);
  failure = $state('');
  /** Joining as a new person although this device joined the route before. */
  isSomeoneElse = $state(false);

  constructor(initialCode: string) {
    this.code = initialCode;
    if (initialCode) void this.check();
  }

  /**
   * Who this device already joined the code's route as, in the code's role: a phone scanning the QR code
   * again goes back in as that person rather than adding a namesake to the list (and a second ballot).
   * Null when it has not, or chose to join as someone else (a laptop passed along).
   */
  get joinedAs(): string | null {
    const info = this.info;
    if (info === null || this.isSomeoneElse) return null;
    const token = tokenFor(info.routeId);
    return roleOfToken(token, info.routeId) === info.role ? nameOfToken(token) : null;
  }

  /** Back into the route as the person this device joined as. */
  continueAsJoined(): void {
    if (this.info) window.location.assign(startPage(this.info.role, this.info.routeId));
  }

  get needsName(): boolean {
    return this.info?.role !== 'screen';
  }

  async check(): Promise<void> {
    if (this.code.trim() === '' || this.isBusy) return;
    this.isBusy = true;
    this.failure = '';
    const answer = await lookUpCode(this.code.trim());
    this.isBusy = false;
    if (answer.ok) this.info = answer.data;
    else this.failure = reasonOf(answer);
  }

  async join(): Promise<void> {
    const info = this.info;
    if (info === null || this.isBusy) return;
    this.isBusy = true;
    this.failure = '';
    const answer = await joinRoute({
      code: this.code.trim(),
      name: this.name.trim(),
      ...(this.teamId ? { teamId: this.teamId } : {}),
      ...(this.groupId ? { groupId: this.groupId } : {}),
    });
    if (!answer.ok) {
      this.isBusy = false;
      this.failure = reasonOf(answer);
      return;
    }
    keepToken(answer.data.token, answer.data.routeId);
    adoptJoinedPerson(answer.data.personId, this.name);
    // A full load, so that every part of the app starts as this person.
    window.location.assign(startPage(answer.data.role, answer.data.routeId));
  }

  startOver(): void {
    this.info = null;
    this.isSomeoneElse = false;
    this.code = '';
    this.failure = '';
  }
}

function reasonOf(answer: Extract<ApiResult<unknown>, { ok: false }>): string {
  const key = `join.error.${answer.error}`;
  if (has(key)) return t(key);
  return t('join.error.other', { reason: answer.message || answer.error });
}
