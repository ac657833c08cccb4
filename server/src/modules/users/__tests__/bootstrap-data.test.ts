import { expect, it } from 'vitest';
import { verifyPassword } from '../../../lib/passwords.js';
import { runCreateAdmin, runSeed } from '../../../cli/bootstrap-data.js';
import { describeEachDatabase } from '../../../../test/databases.js';
import { useTestApp } from '../../../../test/test-app.js';
import { usersRepository } from '../users.repository.js';

describeEachDatabase('seed and create-admin', (provider) => {
  const ctx = useTestApp(provider);

  it('when the seed runs twice, then the three sales teams exist once each', async () => {
    const first: string[] = [];
    const second: string[] = [];
    await runSeed(ctx, (line) => first.push(line));
    await runSeed(ctx, (line) => second.push(line));
    const teams = await ctx.db.prisma.salesTeam.findMany({ orderBy: { name: 'asc' } });
    expect(teams.map((team) => team.name)).toEqual(['Team Alpha', 'Team Beta', 'Team Gamma']);
    expect(first.filter((line) => line.includes('Created'))).toHaveLength(3);
    expect(second.filter((line) => line.includes('Exists'))).toHaveLength(3);
  });

  it('when production has no ADMIN_PASSWORD, then no admin is created', async () => {
    await expect(
      runCreateAdmin(
        { ...ctx, config: { ...ctx.config, environment: 'production', adminPassword: undefined } },
        () => undefined,
      ),
    ).rejects.toThrow(/Refusing to create the admin user with a default password in production/);
    await expect(
      runCreateAdmin(
        { ...ctx, config: { ...ctx.config, environment: 'production', adminPassword: 'changeme' } },
        () => undefined,
      ),
    ).rejects.toThrow(/default password/);
    expect(await ctx.db.prisma.user.count()).toBe(0);
  });

  it('when create-admin runs twice (concurrently too), then one admin exists with a bcrypt hash of ADMIN_PASSWORD', async () => {
    const lines: string[] = [];
    const config = { ...ctx.config, adminPassword: 'a-long-admin-password' };
    await Promise.all([
      runCreateAdmin({ ...ctx, config }, (line) => lines.push(line)),
      runCreateAdmin({ ...ctx, config }, (line) => lines.push(line)),
    ]);
    await runCreateAdmin({ ...ctx, config }, (line) => lines.push(line));
    expect(await ctx.db.prisma.user.count({ where: { username: 'admin' } })).toBe(1);
    expect(lines.filter((line) => line.startsWith('Admin user created'))).toHaveLength(1);
    const credentials = await usersRepository(ctx.db.prisma).findCredentials({ username: 'admin' });
    expect(credentials?.user.role).toBe('admin');
    expect(credentials?.hashedPassword).toMatch(/^\$2b\$1\d\$/);
    expect(await verifyPassword('a-long-admin-password', credentials!.hashedPassword)).toBe(true);
  });
});
