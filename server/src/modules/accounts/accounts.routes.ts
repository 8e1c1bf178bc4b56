import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import './accounts.policy.ts';
import { authRoutes } from './auth.routes.ts';
import { userRoutes } from './users.routes.ts';

/** Sign-in for staff and residents, staff accounts and API keys. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authRoutes);
  await app.register(userRoutes);
};
