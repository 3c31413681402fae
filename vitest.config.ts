import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (every module's own tests, next to it; no database server, no browser) and
 * `integration` (test/, plus the few module tests that open a database: the real PostgreSQL on
 * 127.0.0.1:5432 and embedded PGlite, Chromium for the browser tests). `npm test` runs both;
 * `npm run test:unit` only the first.
 */
const NEEDS_A_DATABASE = ["test/**/*.test.ts", "server/errors.test.ts", "evals/truth.test.ts"];

export default defineConfig({
  test: {
    exclude: ["node_modules/**", ".milhena/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2 } },
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["node_modules/**", ".milhena/**", ...NEEDS_A_DATABASE],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: NEEDS_A_DATABASE,
          globalSetup: ["test/support/globalSetup.ts"],
        },
      },
    ],
  },
});
