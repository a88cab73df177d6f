import type { CodeInfo, JoinRole } from '../../../shared/schema/people.ts';
import { requestApi, type ApiResult } from './request.ts';

export type { CodeInfo, JoinRole };

export interface Joined {
  token: string;
  routeId: string;
  role: JoinRole;
  personId: string;
}

export interface ParticipantCode {
  code: string;
  /** Where to type it: `http://<the server on the room's network>/join`. */
  joinAddress: string;
  /** The address the QR code carries, which fills the code in. */
  codeAddress: string;
}

/** What a code opens; needs no token (the code is the credential, and wrong ones are counted). */
export function lookUpCode(code: string): Promise<ApiResult<CodeInfo>> {
  return requestApi(`/api/join/${encodeURIComponent(code)}`, null);
}

export function joinRoute(body: { code: string; name: string; teamId?: string; groupId?: string }): Promise<ApiResult<Joined>> {
  return requestApi('/api/join', null, { method: 'POST', body });
}

/** The participant code for the room screen and the setup page (facilitators and the room screen only). */
export function fetchParticipantCode(token: string, routeId: string): Promise<ApiResult<ParticipantCode>> {
  return requestApi(`/api/routes/${encodeURIComponent(routeId)}/join-codes/participant`, token);
}
