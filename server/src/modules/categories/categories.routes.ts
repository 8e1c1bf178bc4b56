import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  Catalogue,
  CategoryView,
  CodeParams,
  CreateCategoryBody,
  CreateGroupBody,
  GroupView,
  ImportQuery,
  ImportResult,
  ListQuery,
  TaxonomyDocument,
  UpdateCategoryBody,
  UpdateGroupBody,
  VersionBody,
} from './categories.schema.ts';
import {
  createCategory,
  createGroup,
  getCategory,
  listCatalogue,
  requireCategoryManager,
  setCategoryActive,
  updateCategory,
  updateGroup,
} from './categories.service.ts';
import { exportTaxonomy, importTaxonomy } from './categories-import.ts';

const tags = ['categories'];

/** Request categories: read by anyone (residents and other apps pick from them), changed by managers. */
export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(publicCategoryRoutes);
  await app.register(managerCategoryRoutes);
};

const publicCategoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Active groups and their active categories (no sign-in); includeInactive for managers',
        querystring: ListQuery,
        response: { 200: Catalogue },
      },
    },
    async (request) =>
      listCatalogue(db, request.actor, { includeInactive: request.query.includeInactive === 'true' }),
  );

  app.get(
    '/:code',
    {
      schema: {
        tags,
        summary: 'One category with its extra fields (no sign-in for active ones)',
        params: CodeParams,
        response: { 200: CategoryView },
      },
    },
    async (request) => getCategory(db, request.actor, request.params.code),
  );
};

/** Changes, import and export: refused before the body is even validated unless the caller manages categories. */
const managerCategoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  app.addHook('onRequest', async (request) => {
    requireCategoryManager(requireSignedIn(request));
  });

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'The whole taxonomy (inactive entries included) as an import document',
        response: { 200: TaxonomyDocument },
      },
    },
    async (request) => exportTaxonomy(db, request.actor),
  );

  app.post(
    '/import',
    {
      schema: {
        tags,
        summary: 'Create and update groups and categories by code, all or nothing',
        querystring: ImportQuery,
        body: TaxonomyDocument,
        response: { 200: ImportResult },
      },
    },
    async (request) =>
      importTaxonomy(db, auditContext(request), request.body, { dryRun: request.query.dryRun === 'true' }),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Create a category in a group',
        body: CreateCategoryBody,
        response: { 201: CategoryView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCategory(db, auditContext(request), request.body)),
  );

  app.patch(
    '/:code',
    {
      schema: {
        tags,
        summary: 'Change a category (send the version you read)',
        params: CodeParams,
        body: UpdateCategoryBody,
        response: { 200: CategoryView },
      },
    },
    async (request) => updateCategory(db, auditContext(request), request.params.code, request.body),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/:code/${action}`,
      {
        schema: {
          tags,
          summary: active
            ? 'Reactivate a category'
            : 'Deactivate a category: no new cases, hidden from the list',
          params: CodeParams,
          body: VersionBody,
          response: { 200: CategoryView },
        },
      },
      async (request) =>
        setCategoryActive(db, auditContext(request), request.params.code, { ...request.body, active }),
    );
  }

  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Create a group of categories',
        body: CreateGroupBody,
        response: { 201: GroupView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createGroup(db, auditContext(request), request.body)),
  );

  app.patch(
    '/groups/:code',
    {
      schema: {
        tags,
        summary: 'Rename, re-sort, deactivate or reactivate a group',
        params: CodeParams,
        body: UpdateGroupBody,
        response: { 200: GroupView },
      },
    },
    async (request) => updateGroup(db, auditContext(request), request.params.code, request.body),
  );
};
