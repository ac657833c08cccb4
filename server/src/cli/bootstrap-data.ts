// The idempotent data steps shared by `npm run db:seed`, `npm run create-admin`, `npm start`
// and the container entrypoint.
import type { Runtime } from '../lib/runtime.js';
import { salesTeamsRepository } from '../modules/sales-teams/sales-teams.repository.js';
import { seedSalesTeams } from '../modules/sales-teams/sales-teams.service.js';
import { usersRepository } from '../modules/users/users.repository.js';
import { rulebooksRepository } from '../modules/pipeline/rulebook/rulebooks.repository.js';
import { createRulebookService } from '../modules/pipeline/rulebook/rulebook.service.js';
import { ADMIN_USERNAME, ensureAdmin } from '../modules/users/admin-bootstrap.service.js';

type Print = (line: string) => void;

export async function runSeed({ db }: Runtime, print: Print): Promise<void> {
  const results = await seedSalesTeams(salesTeamsRepository(db.prisma));
  for (const { name, created } of results) print(`  ${created ? 'Created' : 'Exists: '} ${name}`);
  const rulebook = await createRulebookService({ rulebooks: rulebooksRepository(db.prisma) }).ensureDefault();
  print(`  Rulebook: version ${rulebook.version} (${rulebook.name})`);
  print('Seed data complete.');
}

export async function runCreateAdmin({ db, config }: Runtime, print: Print): Promise<void> {
  const result = await ensureAdmin(usersRepository(db.prisma), config);
  if (result.status === 'exists') {
    print('Admin user already exists, skipping.');
    return;
  }
  print(`Admin user created (username: ${ADMIN_USERNAME}).`);
  if (result.usedDefaultPassword) {
    print('  WARNING: ADMIN_PASSWORD is not set, so the password is the development default "changeme".');
    print('  Change it after signing in; production refuses to start with it.');
  }
}
