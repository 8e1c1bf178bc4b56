import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContext, requireSignedIn } from '../../platform/http.ts';
import {
  CreatePersonBody,
  GrantBody,
  PersonGrantList,
  PersonGrantParams,
  PersonList,
  PersonListQuery,
  PersonParams,
  PersonView,
  UpdatePersonBody,
} from './people.schema.ts';
import {
  createPerson,
  getPerson,
  grantPersonAccess,
  listPersonGrants,
  listPersons,
  revokePersonAccess,
  updatePerson,
} from './people.service.ts';

/** The Person register: personal data held once, shown masked unless the viewer's role needs it whole. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  const tags = ['persons'];

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Persons registered in your scope',
        querystring: PersonListQuery,
        response: { 200: PersonList },
      },
    },
    async (request) => listPersons(db, requireSignedIn(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One person (reads of confidential persons are audited)',
        params: PersonParams,
        response: { 200: PersonView },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return getPerson(db, auditContext(request), request.params.id);
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Register a person at a unit',
        body: CreatePersonBody,
        response: { 201: PersonView },
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const person = await createPerson(db, auditContext(request), request.body);
      return reply.code(201).send(person);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a person (send the version you read)',
        params: PersonParams,
        body: UpdatePersonBody,
        response: { 200: PersonView },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return updatePerson(db, auditContext(request), request.params.id, request.body);
    },
  );

  app.get(
    '/:id/grants',
    {
      schema: {
        tags,
        summary: 'Staff assigned to a confidential person',
        params: PersonParams,
        response: { 200: PersonGrantList },
      },
    },
    async (request) => listPersonGrants(db, requireSignedIn(request), request.params.id),
  );

  app.post(
    '/:id/grants',
    {
      schema: {
        tags,
        summary: 'Assign a staff member to a confidential person',
        params: PersonParams,
        body: GrantBody,
        response: { 200: PersonGrantList },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return grantPersonAccess(db, auditContext(request), request.params.id, request.body.userId);
    },
  );

  app.delete(
    '/:id/grants/:userId',
    {
      schema: {
        tags,
        summary: 'Withdraw an assignment',
        params: PersonGrantParams,
        response: { 200: PersonGrantList },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return revokePersonAccess(db, auditContext(request), request.params.id, request.params.userId);
    },
  );
};
