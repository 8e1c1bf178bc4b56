import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  AddressAnswer,
  AddressQuery,
  CreateUnitBody,
  IdParams,
  ImportResult,
  MoveUnitBody,
  OrgDocument,
  PointQuery,
  PointResolution,
  PublicCommunities,
  Tree,
  TreeQuery,
  UnitDetail,
  UnitList,
  UnitListQuery,
  UpdateUnitBody,
  VersionBody,
} from './org.schema.ts';
import {
  createUnit,
  getTree,
  getUnit,
  listPublicCommunities,
  listUnits,
  moveUnit,
  requireOrgReader,
  setUnitActive,
  updateUnit,
} from './org.service.ts';
import { resolveAddress } from './org-address.ts';
import { exportOrganisation, importOrganisation } from './org-import.ts';
import { resolvePoint } from './org-resolve.ts';

/** The organisation: units in a tree, their areas, and resolving places to units. */
export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(publicOrgRoutes);
  await app.register(staffOrgRoutes);
};

/** What residents and anonymous visitors may see. */
const publicOrgRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  app.get(
    '/public/communities',
    {
      schema: {
        tags: ['org'],
        summary: 'Streets and their communities, for residents (no sign-in)',
        response: { 200: PublicCommunities },
      },
    },
    async () => listPublicCommunities(db),
  );
};

/** Everything else needs a signed-in caller, checked before the request is even validated. */
const staffOrgRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  app.addHook('onRequest', async (request) => {
    requireSignedIn(request);
  });
  const tags = ['org'];
  const one = { 200: UnitDetail };

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'Units, filtered, a page at a time',
        querystring: UnitListQuery,
        response: { 200: UnitList },
      },
    },
    async (request) => {
      const { active, ...q } = request.query;
      return listUnits(db, requireSignedIn(request), {
        ...q,
        active: active === undefined ? undefined : active === 'true',
      });
    },
  );

  app.get(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'One unit with its area, parent and children counts',
        params: IdParams,
        response: one,
      },
    },
    async (request) => getUnit(db, requireSignedIn(request), request.params.id),
  );

  app.get(
    '/tree',
    {
      schema: {
        tags,
        summary: 'The organisation as a tree, optionally from one unit',
        querystring: TreeQuery,
        response: { 200: Tree },
      },
    },
    async (request) => ({
      roots: await getTree(db, requireSignedIn(request), {
        rootId: request.query.rootId,
        includeInactive: request.query.includeInactive === 'true',
      }),
    }),
  );

  app.post(
    '/units',
    {
      schema: {
        tags,
        summary: 'Create a unit under a parent',
        body: CreateUnitBody,
        response: { 201: UnitDetail },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const unit = await createUnit(db, auditContext(request), request.body);
      return reply.code(201).send(unit);
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'Rename a unit or change its function, aliases or area',
        params: IdParams,
        body: UpdateUnitBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return updateUnit(db, auditContext(request), request.params.id, request.body);
    },
  );

  app.post(
    '/units/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a unit and its subtree under a new parent',
        params: IdParams,
        body: MoveUnitBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return moveUnit(db, auditContext(request), request.params.id, request.body);
    },
  );

  app.post(
    '/units/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a unit without active children',
        params: IdParams,
        body: VersionBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return setUnitActive(db, auditContext(request), request.params.id, { ...request.body, active: false });
    },
  );

  app.post(
    '/units/:id/reactivate',
    {
      schema: {
        tags,
        summary: 'Reactivate a unit under an active parent',
        params: IdParams,
        body: VersionBody,
        response: one,
      },
    },
    async (request) => {
      requireSignedIn(request);
      return setUnitActive(db, auditContext(request), request.params.id, { ...request.body, active: true });
    },
  );

  app.get(
    '/resolve/point',
    {
      schema: {
        tags,
        summary: 'The smallest unit whose area holds a point, with its community and street',
        querystring: PointQuery,
        response: { 200: PointResolution },
      },
    },
    async (request) => {
      requireOrgReader(requireSignedIn(request));
      const found = await resolvePoint(db, request.query.lat, request.query.lng);
      return found ?? { unit: null, community: null, street: null };
    },
  );

  app.get(
    '/resolve/address',
    {
      schema: {
        tags,
        summary: 'The community and street an address text names',
        querystring: AddressQuery,
        response: { 200: AddressAnswer },
      },
    },
    async (request) => {
      requireOrgReader(requireSignedIn(request));
      return { result: await resolveAddress(db, request.query.text) };
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'The whole organisation as an import document',
        response: { 200: OrgDocument },
      },
    },
    async (request) => exportOrganisation(db, requireSignedIn(request)),
  );

  app.post(
    '/import',
    {
      schema: {
        tags,
        summary: 'Create and update units from an organisation document, all or nothing',
        body: OrgDocument,
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return importOrganisation(db, auditContext(request), request.body);
    },
  );
};
