// Shapes of the server's answers this app reads (see /openapi.json: SessionStarted, MeView, /healthz).

export type Role =
  | 'admin'
  | 'leader'
  | 'supervisor'
  | 'agent'
  | 'dispatcher'
  | 'handler'
  | 'unit_head'
  | 'community_worker'
  | 'mediator'
  | 'social_worker'
  | 'employment_manager'
  | 'team_leader'
  | 'volunteer';

export interface UnitRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface RoleView {
  id: number;
  role: Role;
  unit: UnitRef;
}

export interface UserView {
  id: number;
  kind: 'staff' | 'resident';
  username: string | null;
  displayName: string;
  phone: string | null;
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  roles: RoleView[];
  version: number;
}

export interface SessionStarted {
  csrfToken: string;
  user: UserView;
}

export interface MeView {
  user: UserView;
  actions: string[];
  csrfToken: string | null;
}

export interface Health {
  status: 'ok';
  database: 'sqlite' | 'postgres';
}
