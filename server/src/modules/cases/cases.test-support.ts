import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { Client, type TestApp } from '../../../test/helpers.ts';

/** An address in 中山社区 (GL01) of 鼓楼街道 (GL) that the organisation's names resolve. */
export const GL01_ADDRESS = '海曙区鼓楼街道中山社区公园路3号';
/** An address in 天一社区 (JX01) of 江厦街道 (JX). */
export const JX01_ADDRESS = '海曙区江厦街道天一社区药行街8号';

/** A JSON response body, read field by field by the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions check the fields they read
export type Json = any;

/** Expects a status code, showing the body when it differs (the error says why). */
export function expectStatus(res: LightMyRequestResponse, status: number): Json {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** A resident signed in by SMS code, as the portal does it. */
export async function signInResident(t: TestApp, phone: string): Promise<Client> {
  const client = new Client(t.app);
  expectStatus(await client.post('/api/auth/otp/request', { phone }), 200);
  const code = /(\d{6})/.exec(t.sms.lastTo(phone) ?? '')?.[1];
  const ok = expectStatus(await client.post('/api/auth/otp/verify', { phone, code }), 200);
  client.csrfToken = ok.csrfToken;
  return client;
}

/** Registers a case through the API and returns its detail. */
export async function register(
  client: Client,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return expectStatus(await client.post('/api/cases', body, headers), 201);
}

/** Runs an action on a case and returns the case as it now is. */
export async function act(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  return expectStatus(await client.post(`/api/cases/${id}/${action}`, body), 200);
}
