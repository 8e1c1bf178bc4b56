import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// CI machines are shared and slow at times: give async queries room before calling them failed.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
