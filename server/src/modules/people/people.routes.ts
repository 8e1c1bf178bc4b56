import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const peopleRoutes: FastifyPluginAsyncZod = async () => {};
