import fs from 'node:fs';

/** Throws away the demo database the run started with. */
export default function globalTeardown(): void {
  const dir = process.env.SHEQU_E2E_DATA_DIR;
  if (dir?.includes('shequ-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
