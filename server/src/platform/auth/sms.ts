import type { FastifyBaseLogger } from 'fastify';

/** The one door to an SMS gateway. Production wires a real gateway here; demo and tests use the ones below. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** Demo gateway: writes the message to the server log, where a developer can read the code. */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'>) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ sms: { phone, text } }, `SMS to ${phone}: ${text}`);
  }
}

/** Keeps messages in memory, for tests that read the code a resident would receive. */
export class MemorySmsSender implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }

  lastTo(phone: string): string | undefined {
    return this.sent.filter((m) => m.phone === phone).at(-1)?.text;
  }
}
