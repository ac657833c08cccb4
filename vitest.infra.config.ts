// Offline infrastructure checks (issue 6): compose, shell scripts, workflow, Terraform, Dockerfile,
// and the container entrypoint run for real against a throwaway PostgreSQL database.
// `npm run test:infra`; part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['infra-tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
