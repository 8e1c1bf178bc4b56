// The shapes of the server's answers the start page and the shell read, picked out of the generated
// schema.ts (see http.ts): never restated by hand.
import type { Ok } from './http.ts';

export type MeView = Ok<'/api/auth/me'>;
export type UserView = MeView['user'];
export type RoleView = UserView['roles'][number];
export type Role = RoleView['role'];
export type UnitRef = RoleView['unit'];
export type SessionStarted = Ok<'/api/auth/login', 'post'>;
export type Health = Ok<'/healthz'>;
