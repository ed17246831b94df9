import { defineConfig } from 'vitest/config';

// The modules under test are the real ones the server serves (src/ReadingTracker.Api/wwwroot/js).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.js'],
    testTimeout: 20000,
  },
  server: { fs: { allow: ['..'] } },
});
