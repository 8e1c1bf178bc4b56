import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  ApiKeyCreated,
  ApiKeyView,
  CreateApiKeyBody,
  CreateUserBody,
  IdParams,
  ResetPasswordBody,
  RoleInput,
  RoleParams,
  UpdateUserBody,
  UserList,
  UserListQuery,
  UserView,
} from './accounts.schema.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import {
  addRole,
  createUser,
  getUser,
  listUsers,
  removeRole,
  resetPassword,
  unlockUser,
  updateUser,
} from './users.service.ts';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['users'];
  const one = { 200: UserView };

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Staff accounts in your scope',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      const q = request.query;
      return listUsers(db, requireSignedIn(request), {
        q: q.q,
        role: q.role,
        unitId: q.unitId,
        includeSubunits: q.includeSubunits === 'true',
        active: q.active === undefined ? undefined : q.active === 'true',
        locked: q.locked === undefined ? undefined : q.locked === 'true',
        after: q.after,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: 'One staff account', params: IdParams, response: one } },
    async (request) => getUser(db, requireSignedIn(request), request.params.id),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a staff account with its roles',
        body: CreateUserBody,
        response: { 201: UserView },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      reply.code(201);
      return createUser(db, auditContext(request), request.body);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Rename, deactivate or reactivate',
        params: IdParams,
        body: UpdateUserBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return updateUser(db, auditContext(request), request.params.id, request.body);
    },
  );

  app.post(
    '/users/:id/roles',
    { schema: { tags, summary: 'Bind a role at a unit', params: IdParams, body: RoleInput, response: one } },
    async (request) => {
      requireSignedIn(request);
      return addRole(db, auditContext(request), request.params.id, request.body.role, request.body.unitId);
    },
  );

  app.delete(
    '/users/:id/roles/:bindingId',
    { schema: { tags, summary: 'Remove a role binding', params: RoleParams, response: one } },
    async (request) => {
      requireSignedIn(request);
      return removeRole(db, auditContext(request), request.params.id, request.params.bindingId);
    },
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password (signs the account out)',
        params: IdParams,
        body: ResetPasswordBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return resetPassword(db, auditContext(request), request.params.id, request.body.password);
    },
  );

  app.post(
    '/users/:id/unlock',
    { schema: { tags, summary: 'Lift a sign-in lockout', params: IdParams, response: one } },
    async (request) => {
      requireSignedIn(request);
      return unlockUser(db, auditContext(request), request.params.id);
    },
  );

  const keyTags = ['api-keys'];
  app.get(
    '/api-keys',
    {
      schema: {
        tags: keyTags,
        summary: 'API keys of machine clients',
        response: { 200: z.object({ items: z.array(ApiKeyView) }) },
      },
    },
    async (request) => ({
      items: await listApiKeys(db, requireSignedIn(request)),
    }),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags: keyTags,
        summary: 'Issue an API key (shown once)',
        body: CreateApiKeyBody,
        response: { 201: ApiKeyCreated },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      reply.code(201);
      return createApiKey(db, auditContext(request), request.body);
    },
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      schema: {
        tags: keyTags,
        summary: 'Revoke an API key',
        params: IdParams,
        response: { 200: ApiKeyView },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return revokeApiKey(db, auditContext(request), request.params.id);
    },
  );
};
